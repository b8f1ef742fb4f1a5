/**
 * RFC 4733 telephone-events (DTMF over RTP). A key press is sent as several packets with the same RTP timestamp
 * (growing duration, the last ones with the End bit, usually three times); the digit counts once per timestamp.
 */
export interface TelephoneEvent {
  /** 0-9, 10 = '*', 11 = '#', 12-15 = A-D. */
  event: number;
  end: boolean;
  volume: number;
  /** In RTP timestamp units. */
  duration: number;
}

const EVENT_KEYS = '0123456789*#ABCD';

export function parseTelephoneEvent(payload: Uint8Array): TelephoneEvent | null {
  if (payload.length < 4) return null;
  const event = payload[0] ?? 0;
  const flags = payload[1] ?? 0;
  return {
    event,
    end: (flags & 0x80) !== 0,
    volume: flags & 0x3f,
    duration: ((payload[2] ?? 0) << 8) | (payload[3] ?? 0),
  };
}

export function serializeTelephoneEvent(e: TelephoneEvent): Buffer {
  const out = Buffer.alloc(4);
  out[0] = e.event;
  out[1] = (e.end ? 0x80 : 0) | (e.volume & 0x3f);
  out.writeUInt16BE(e.duration & 0xffff, 2);
  return out;
}

export function keyOfEvent(event: number): string | null {
  return EVENT_KEYS[event] ?? null;
}

export function eventOfKey(key: string): number {
  const index = EVENT_KEYS.indexOf(key.toUpperCase());
  if (index < 0) throw new RangeError(`"${key}" is not a DTMF key`);
  return index;
}

/** Turns a stream of telephone-event packets into key presses, each reported once (on its first packet). */
export class DigitDetector {
  private lastTimestamp: number | null = null;

  /** Returns the pressed key when this packet starts a new event, otherwise null. */
  push(rtpTimestamp: number, payload: Uint8Array): string | null {
    const parsed = parseTelephoneEvent(payload);
    if (!parsed || rtpTimestamp === this.lastTimestamp) return null;
    this.lastTimestamp = rtpTimestamp;
    return keyOfEvent(parsed.event);
  }
}
