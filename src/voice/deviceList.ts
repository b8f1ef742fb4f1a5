/** The browser's microphones and speakers in `state.audio`, kept current on `devicechange`. */
import { readAudioState } from './audioState';
import { toLastError } from './errors';
import { listAudioDevices, type MediaDevicesLike } from './media';
import type { AudioHelperLike } from './sdkTypes';
import type { StateStore } from './stateStore';

export interface AudioDeviceListDeps {
  media: MediaDevicesLike | null;
  store: StateStore;
  now: () => number;
  /** The live Device's AudioHelper, if there is one. */
  currentAudio: () => AudioHelperLike | null;
}

export class AudioDeviceList {
  private deviceChangeListener: (() => void) | null = null;

  constructor(private readonly deps: AudioDeviceListDeps) {}

  readonly refresh = async (): Promise<void> => {
    const { media, store, now, currentAudio } = this.deps;
    if (!media) return;
    try {
      const lists = await listAudioDevices(media);
      // The SDK may have switched away from an unplugged device: re-read its selection too.
      store.update((s) => ({ ...s, audio: readAudioState(currentAudio(), { ...s.audio, ...lists }) }));
    } catch (error) {
      store.update((s) => ({ ...s, lastError: toLastError(error, { source: 'audio', at: now() }) }));
    }
  };

  watch(): void {
    const { media } = this.deps;
    if (!media || this.deviceChangeListener) return;
    this.deviceChangeListener = () => {
      void this.refresh();
    };
    media.addEventListener('devicechange', this.deviceChangeListener);
  }

  stopWatching(): void {
    const { media } = this.deps;
    if (media && this.deviceChangeListener) media.removeEventListener('devicechange', this.deviceChangeListener);
    this.deviceChangeListener = null;
  }
}
