import { FRAME_SAMPLES, SAMPLE_RATE } from './tones.js';

/** One chord of the loop: its notes (Hz) and how long it sounds. */
interface Chord {
  notes: readonly number[];
  durationMs: number;
}

/** A slow I–vi–IV–V in C with sevenths, voiced in the middle register: soft, unobtrusive, about 8 s. */
const PROGRESSION: readonly Chord[] = [
  { notes: [261.63, 329.63, 392.0, 493.88], durationMs: 2000 },
  { notes: [220.0, 261.63, 329.63, 392.0], durationMs: 2000 },
  { notes: [174.61, 220.0, 261.63, 329.63], durationMs: 2000 },
  { notes: [196.0, 246.94, 293.66, 349.23], durationMs: 2000 },
];
const PEAK = 0.18 * 32767;
const ATTACK_MS = 250;
const RELEASE_MS = 600;

/** A smooth swell and fade per chord, so the changes do not click. */
function envelope(i: number, count: number): number {
  const attack = (ATTACK_MS * SAMPLE_RATE) / 1000;
  const release = (RELEASE_MS * SAMPLE_RATE) / 1000;
  if (i < attack) return Math.sin(((i / attack) * Math.PI) / 2);
  if (i > count - release) return Math.max(0, (count - i) / release);
  return 1;
}

function renderChord(chord: Chord): Int16Array {
  const count = Math.round((chord.durationMs * SAMPLE_RATE) / 1000);
  const out = new Int16Array(count);
  const gain = PEAK / chord.notes.length;
  for (let i = 0; i < count; i++) {
    let value = 0;
    // Each note with a quiet octave above: a little warmth, still well inside telephone bandwidth.
    for (const f of chord.notes) {
      const t = i / SAMPLE_RATE;
      value += Math.sin(2 * Math.PI * f * t) + 0.25 * Math.sin(4 * Math.PI * f * t);
    }
    out[i] = Math.round((value / 1.25) * gain * envelope(i, count));
  }
  return out;
}

let loop: Int16Array | null = null;

/** The hold-music loop as 8 kHz PCM, generated once at first use (no audio file is shipped). */
export function holdMusicLoop(): Int16Array {
  if (loop) return loop;
  const chords = PROGRESSION.map(renderChord);
  const total = chords.reduce((n, c) => n + c.length, 0);
  loop = new Int16Array(total - (total % FRAME_SAMPLES));
  let offset = 0;
  for (const chord of chords) {
    loop.set(chord.subarray(0, Math.min(chord.length, loop.length - offset)), offset);
    offset += chord.length;
  }
  return loop;
}

/** Plays a loop of 8 kHz PCM (hold music, ringback) frame by frame, round and round. */
export class LoopCursor {
  private position = 0;

  constructor(private readonly samples: Int16Array) {}

  nextFrame(): Int16Array {
    const frame = new Int16Array(FRAME_SAMPLES);
    frame.set(this.samples.subarray(this.position, this.position + FRAME_SAMPLES));
    this.position += FRAME_SAMPLES;
    if (this.position >= this.samples.length) this.position = 0;
    return frame;
  }
}
