import type { Impairment } from './impairment.js';
import type { ServerPeer } from './serverPeer.js';

/**
 * RTP loopback: every audio packet received in the send codec goes straight back (same payload, sequence number and
 * timestamp, so losses the impairment causes show up as gaps). Packets in another codec cannot be sent back on this
 * stream and are skipped. Returns a stop function.
 */
export function startEcho(peer: ServerPeer, impairment?: Impairment): () => void {
  return peer.onAudio((packet) => {
    const codec = peer.sendCodec;
    if (!codec || codec.payloadType !== packet.payloadType) return;
    const send = (): void =>
      peer.send(
        {
          sequenceNumber: packet.sequenceNumber,
          timestamp: packet.timestamp,
          marker: packet.marker,
          payload: packet.payload,
        },
        'echo',
      );
    if (impairment) impairment.apply(send);
    else send();
  });
}
