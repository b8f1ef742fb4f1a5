import { RtpHeader, RtpPacket, type RTCRtpTransceiver } from 'werift';
import { isTelephoneEvent } from './codecs.js';
import type { OutgoingStream } from './outgoingStream.js';
import { eventOfKey, serializeTelephoneEvent } from './telephoneEvent.js';

/**
 * Sends one key press as RFC 4733 telephone-events (three updates, three end packets, one timestamp) with the event
 * codec of the send clock, e.g. a bridge passing a Device's keypad on to the number it called.
 */
export function sendTelephoneDigit(
  transceiver: RTCRtpTransceiver,
  outgoing: OutgoingStream,
  source: string,
  key: string,
): void {
  const sender = transceiver.sender;
  const audio = sender.codec;
  const events = transceiver.codecs.filter((c) => isTelephoneEvent(c.mimeType));
  const event = events.find((c) => c.clockRate === audio?.clockRate) ?? events[0];
  if (!audio || !event) return;
  const step = event.clockRate / 50;
  try {
    // werift stamps a packet with sender.codec's payload type as it is handed over (synchronously, no pending RTP).
    sender.codec = event;
    for (let i = 1; i <= 6; i++) {
      const { sequenceNumber, timestamp } = outgoing.map(
        { sequenceNumber: i, timestamp: 0, marker: false, payload: Buffer.alloc(0) },
        source,
        audio.clockRate,
      );
      const payload = serializeTelephoneEvent({
        event: eventOfKey(key),
        end: i > 3,
        volume: 10,
        duration: Math.min(i, 4) * step,
      });
      const header = new RtpHeader({ sequenceNumber, timestamp, marker: i === 1 });
      sender.sendRtp(new RtpPacket(header, payload)).catch(() => undefined);
    }
  } finally {
    sender.codec = audio;
  }
}
