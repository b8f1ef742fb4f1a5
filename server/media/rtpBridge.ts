import type { AudioPort } from './audioPort.js';

/**
 * Forwards audio RTP from one server peer to another, unchanged (no transcoding): a packet goes on only when the
 * sending leg negotiated the same codec as the receiving leg sends with; the bridge offers each leg the codec of the
 * other, so in practice every packet passes. Returns a stop function.
 */
let bridges = 0;

export function forwardAudio(from: AudioPort, to: AudioPort): () => void {
  // Each forwarding is a source of its own: a leg that is replaced (reconnect) starts a re-based stream.
  const source = `bridge-${++bridges}`;
  return from.onAudio((packet) => {
    const codec = to.sendCodec;
    if (!codec || from.codecOf(packet.payloadType)?.toLowerCase() !== codec.mimeType.toLowerCase()) return;
    to.send(
      {
        sequenceNumber: packet.sequenceNumber,
        timestamp: packet.timestamp,
        marker: packet.marker,
        payload: packet.payload,
      },
      source,
    );
  });
}

/** Key presses `from` receives as telephone-events go on to `to` the same way (call control: a party moved to a
 * number's IVR keeps using its keypad). */
export function forwardDigits(from: AudioPort, to: AudioPort): () => void {
  return from.onDigit((key) => to.sendDigit(key));
}

/** Audio both ways between two legs; returns a function that stops both directions. */
export function bridgeAudio(a: AudioPort, b: AudioPort): () => void {
  const stopAtoB = forwardAudio(a, b);
  const stopBtoA = forwardAudio(b, a);
  return () => {
    stopAtoB();
    stopBtoA();
  };
}
