import { decodeMulaw, encodeMulaw, linearToMulaw, mulawToLinear } from '../../../server/media/g711';
import {
  DigitDetector,
  parseTelephoneEvent,
  serializeTelephoneEvent,
  eventOfKey,
  keyOfEvent,
} from '../../../server/media/telephoneEvent';
import { Impairment } from '../../../server/media/impairment';
import { offeredPreference } from '../../../server/media/offerCodecs';
import { dtmfFrequencies, renderTones, rms } from '../../../server/media/tones';

/** A deterministic PRNG (mulberry32) so statistical expectations do not flake. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('G.711 μ-law', () => {
  it('maps silence and the extremes to the standard code words', () => {
    expect(linearToMulaw(0)).toBe(0xff);
    expect(linearToMulaw(32767)).toBe(0x80);
    expect(linearToMulaw(-32768)).toBe(0x00);
    expect(mulawToLinear(0xff)).toBe(0);
    expect(mulawToLinear(0x80)).toBe(32124);
    expect(mulawToLinear(0x00)).toBe(-32124);
  });

  it('round-trips every code word exactly and linear audio within the segment step', () => {
    for (let code = 0; code < 256; code++) {
      if (code === 0x7f) continue; // negative zero decodes to 0, which encodes as the positive zero 0xff
      expect(linearToMulaw(mulawToLinear(code))).toBe(code);
    }
    const tone = renderTones([{ frequencies: [440], durationMs: 100 }], 0.5);
    const decoded = decodeMulaw(encodeMulaw(tone));
    for (let i = 0; i < tone.length; i++) {
      const original = tone[i] ?? 0;
      // μ-law quantisation error grows with magnitude: at most half a step, a step being 1/16 of the segment.
      expect(Math.abs((decoded[i] ?? 0) - original)).toBeLessThanOrEqual(Math.max(8, Math.abs(original) / 16));
    }
    expect(rms(decoded) / rms(tone)).toBeCloseTo(1, 1);
  });
});

describe('tones', () => {
  it('knows the DTMF frequency pairs', () => {
    expect(dtmfFrequencies('1')).toEqual([697, 1209]);
    expect(dtmfFrequencies('0')).toEqual([941, 1336]);
    expect(dtmfFrequencies('#')).toEqual([941, 1477]);
    expect(() => dtmfFrequencies('x')).toThrow(RangeError);
  });

  it('renders silence as zeros and tones at the requested level', () => {
    const pcm = renderTones(
      [
        { frequencies: [], durationMs: 20 },
        { frequencies: [1000], durationMs: 20 },
      ],
      0.5,
    );
    expect(pcm.length).toBe(320);
    expect(rms(pcm.subarray(0, 160))).toBe(0);
    expect(rms(pcm.subarray(160))).toBeCloseTo((0.5 * 32767) / Math.SQRT2, -2);
  });
});

describe('RFC 4733 telephone-events', () => {
  it('parses and serialises the event, end bit, volume and duration', () => {
    const bytes = serializeTelephoneEvent({ event: 11, end: true, volume: 10, duration: 800 });
    expect([...bytes]).toEqual([11, 0x8a, 0x03, 0x20]);
    expect(parseTelephoneEvent(bytes)).toEqual({ event: 11, end: true, volume: 10, duration: 800 });
    expect(parseTelephoneEvent(Buffer.alloc(3))).toBeNull();
    expect(keyOfEvent(10)).toBe('*');
    expect(eventOfKey('#')).toBe(11);
  });

  it('reports each key press once however many packets carry it', () => {
    const detector = new DigitDetector();
    const press = (ts: number, key: string) =>
      [1, 2, 3, 4, 4, 4].map((n, i) =>
        detector.push(
          ts,
          serializeTelephoneEvent({ event: eventOfKey(key), end: i > 2, volume: 10, duration: n * 160 }),
        ),
      );
    expect(press(1000, '5').filter(Boolean)).toEqual(['5']);
    expect(press(2000, '5').filter(Boolean)).toEqual(['5']);
    expect(press(3000, '#').filter(Boolean)).toEqual(['#']);
  });
});

describe('Impairment', () => {
  it('drops about the configured share and delays the rest within the jitter bound while the window lasts', () => {
    jest.useFakeTimers();
    try {
      let now = 0;
      const impairment = new Impairment({
        lossRate: 0.2,
        jitterMs: 100,
        windowMs: 15_000,
        random: seeded(7),
        now: () => now,
      });
      let delivered = 0;
      impairment.start();
      for (let i = 0; i < 5000; i++) impairment.apply(() => delivered++);
      const dropShare = impairment.stats.dropped / 5000;
      expect(dropShare).toBeGreaterThan(0.17);
      expect(dropShare).toBeLessThan(0.23);
      expect(impairment.pendingTimers).toBeGreaterThan(3500);
      jest.advanceTimersByTime(100);
      expect(delivered).toBe(5000 - impairment.stats.dropped);

      now = 15_000; // window over: everything passes at once
      impairment.apply(() => delivered++);
      expect(impairment.stats.passed).toBeGreaterThan(0);
      expect(impairment.active).toBe(false);
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps the order of the packets it delays', () => {
    jest.useFakeTimers();
    try {
      let now = 0;
      const impairment = new Impairment({
        lossRate: 0,
        jitterMs: 100,
        windowMs: Infinity,
        random: seeded(3),
        now: () => now,
      });
      impairment.start();
      const delivered: number[] = [];
      for (let i = 0; i < 200; i++) {
        impairment.apply(() => delivered.push(i));
        now += 20;
        jest.advanceTimersByTime(20);
      }
      jest.advanceTimersByTime(200);
      expect(delivered).toEqual([...Array(200).keys()]);
      expect(impairment.stats.delayed).toBeGreaterThan(150);
    } finally {
      jest.useRealTimers();
    }
  });

  it('passes everything before start and clears delayed packets on dispose', () => {
    jest.useFakeTimers();
    try {
      const impairment = new Impairment({ lossRate: 0, jitterMs: 50, windowMs: Infinity, random: () => 0.5 });
      let delivered = 0;
      impairment.apply(() => delivered++);
      expect(delivered).toBe(1);
      impairment.start();
      impairment.apply(() => delivered++);
      expect(impairment.pendingTimers).toBe(1);
      impairment.dispose();
      expect(jest.getTimerCount()).toBe(0);
      expect(delivered).toBe(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses nonsense settings', () => {
    expect(() => new Impairment({ lossRate: 1.5, jitterMs: 0, windowMs: 1 })).toThrow(RangeError);
    expect(() => new Impairment({ lossRate: 0, jitterMs: -1, windowMs: 1 })).toThrow(RangeError);
  });
});

describe('offeredPreference', () => {
  const offer = (payloads: string, maps: string) => `v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF ${payloads}\r\n${maps}`;
  it('follows the order of the audio m-line', () => {
    expect(offeredPreference(offer('0 111 126', 'a=rtpmap:111 opus/48000/2\r\na=rtpmap:0 PCMU/8000\r\n'))).toBe('pcmu');
    expect(offeredPreference(offer('111 0 126', 'a=rtpmap:111 opus/48000/2\r\na=rtpmap:0 PCMU/8000\r\n'))).toBe('opus');
    expect(offeredPreference(offer('9 0', 'a=rtpmap:9 G722/8000\r\n'))).toBe('pcmu');
    expect(offeredPreference('v=0\r\n')).toBeNull();
  });
});
