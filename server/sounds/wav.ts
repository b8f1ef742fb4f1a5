/** A tone segment: the sum of the given frequencies for `ms` milliseconds (no frequencies = silence). */
export interface ToneSegment {
  frequencies: readonly number[];
  ms: number;
}

export const SAMPLE_RATE = 8000;
const BYTES_PER_SAMPLE = 2;
const FADE_MS = 5;

/** Renders tone segments as a mono 16-bit PCM WAV file. Short fades avoid clicks at segment edges. */
export function renderWav(segments: readonly ToneSegment[], amplitude = 0.3): Buffer {
  const sampleCounts = segments.map((s) => Math.round((s.ms / 1000) * SAMPLE_RATE));
  const totalSamples = sampleCounts.reduce((a, b) => a + b, 0);
  const dataBytes = totalSamples * BYTES_PER_SAMPLE;
  const wav = Buffer.alloc(44 + dataBytes);

  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(SAMPLE_RATE, 24);
  wav.writeUInt32LE(SAMPLE_RATE * BYTES_PER_SAMPLE, 28);
  wav.writeUInt16LE(BYTES_PER_SAMPLE, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);

  const fadeSamples = Math.round((FADE_MS / 1000) * SAMPLE_RATE);
  let offset = 44;
  segments.forEach((segment, index) => {
    const count = sampleCounts[index] ?? 0;
    const perTone = segment.frequencies.length > 0 ? amplitude / segment.frequencies.length : 0;
    for (let i = 0; i < count; i += 1) {
      const t = i / SAMPLE_RATE;
      let value = 0;
      for (const f of segment.frequencies) value += perTone * Math.sin(2 * Math.PI * f * t);
      const edge = Math.min(1, i / fadeSamples, (count - 1 - i) / fadeSamples);
      wav.writeInt16LE(Math.round(value * Math.max(0, edge) * 32767), offset);
      offset += BYTES_PER_SAMPLE;
    }
  });
  return wav;
}
