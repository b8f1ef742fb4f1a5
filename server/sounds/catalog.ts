import type { SoundName } from '../../src/contract/sounds.js';
import { renderWav, type ToneSegment } from './wav.js';

/** Every sound name the Voice SDK's Device `sounds` option accepts: the contract's list, which the browser uses too. */
export { SOUND_NAMES, isSoundName, type SoundName } from '../../src/contract/sounds.js';

// ITU-T Q.23 DTMF frequency pairs (row, column).
const DTMF: Record<string, readonly [number, number]> = {
  '1': [697, 1209],
  '2': [697, 1336],
  '3': [697, 1477],
  '4': [770, 1209],
  '5': [770, 1336],
  '6': [770, 1477],
  '7': [852, 1209],
  '8': [852, 1336],
  '9': [852, 1477],
  s: [941, 1209],
  '0': [941, 1336],
  h: [941, 1477],
};

function design(name: SoundName): ToneSegment[] {
  switch (name) {
    case 'incoming': // North American ring cadence, one cycle (the SDK loops it).
      return [
        { frequencies: [440, 480], ms: 2000 },
        { frequencies: [], ms: 1000 },
      ];
    case 'outgoing':
      return [
        { frequencies: [660], ms: 120 },
        { frequencies: [], ms: 60 },
        { frequencies: [880], ms: 120 },
      ];
    case 'disconnect':
      return [
        { frequencies: [880], ms: 120 },
        { frequencies: [], ms: 60 },
        { frequencies: [660], ms: 160 },
      ];
    default: {
      const pair = DTMF[name.slice('dtmf'.length)];
      return pair ? [{ frequencies: pair, ms: 120 }] : [];
    }
  }
}

/** Renders each sound once, lazily, and keeps it. */
export class SoundLibrary {
  private readonly cache = new Map<SoundName, Buffer>();

  get(name: SoundName): Buffer {
    let wav = this.cache.get(name);
    if (!wav) {
      wav = renderWav(design(name));
      this.cache.set(name, wav);
    }
    return wav;
  }
}
