/** Audio the server generates itself (prompts): sine tones, DTMF pairs and silence as 8 kHz linear PCM. */
export const SAMPLE_RATE = 8000;
/** Samples per 20 ms RTP frame at 8 kHz. */
export const FRAME_SAMPLES = 160;

/** One piece of a prompt: one or two simultaneous frequencies (none = silence) for a duration. */
export interface ToneSegment {
  frequencies: readonly number[];
  durationMs: number;
}

const DTMF_ROWS = [697, 770, 852, 941] as const;
const DTMF_COLS = [1209, 1336, 1477, 1633] as const;
const DTMF_KEYS = ['123A', '456B', '789C', '*0#D'] as const;

/** The (low, high) frequency pair of a DTMF key, e.g. `'5'` → [770, 1336]. */
export function dtmfFrequencies(key: string): [number, number] {
  for (let row = 0; row < DTMF_KEYS.length; row++) {
    const col = DTMF_KEYS[row]?.indexOf(key.toUpperCase()) ?? -1;
    if (col >= 0) return [DTMF_ROWS[row] as number, DTMF_COLS[col] as number];
  }
  throw new RangeError(`"${key}" is not a DTMF key`);
}

/** Renders segments to PCM at 8 kHz; `amplitude` is the peak of the summed tones (0..1 of full scale). */
export function renderTones(segments: readonly ToneSegment[], amplitude = 0.3): Int16Array {
  const total = segments.reduce((n, s) => n + Math.round((s.durationMs * SAMPLE_RATE) / 1000), 0);
  const out = new Int16Array(total);
  let offset = 0;
  for (const segment of segments) {
    const count = Math.round((segment.durationMs * SAMPLE_RATE) / 1000);
    const gain = segment.frequencies.length === 0 ? 0 : (amplitude * 32767) / segment.frequencies.length;
    for (let i = 0; i < count; i++) {
      let value = 0;
      for (const f of segment.frequencies) value += Math.sin((2 * Math.PI * f * i) / SAMPLE_RATE);
      out[offset + i] = Math.round(value * gain);
    }
    offset += count;
  }
  return out;
}

/** A spoken-menu stand-in: one DTMF pair per key, 120 ms on and 80 ms off (like a dialler playing the digits). */
export function dtmfSequence(keys: string, toneMs = 120, gapMs = 80): ToneSegment[] {
  return [...keys].flatMap((key) => [
    { frequencies: dtmfFrequencies(key), durationMs: toneMs },
    { frequencies: [], durationMs: gapMs },
  ]);
}

/** Splits PCM into 20 ms frames, padding the last one with silence. */
export function frames(samples: Int16Array): Int16Array[] {
  const out: Int16Array[] = [];
  for (let i = 0; i < samples.length; i += FRAME_SAMPLES) {
    const frame = new Int16Array(FRAME_SAMPLES);
    frame.set(samples.subarray(i, Math.min(samples.length, i + FRAME_SAMPLES)));
    out.push(frame);
  }
  return out;
}

/** Root-mean-square level of PCM, 0..32767 (used to tell tones from silence). */
export function rms(samples: Int16Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / samples.length);
}
