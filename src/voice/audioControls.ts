/**
 * Audio devices of one softphone: the input/output lists (kept current on `devicechange`) and the
 * selection commands that go through the Device's AudioHelper.
 */
import { EMPTY, from, of, type Subscription } from 'rxjs';
import { filter, switchMap, take } from 'rxjs/operators';
import type { LastError, SoftphoneState } from '../contract/schema';
import { checkDeviceIds } from '../contract/commandArgs';
import { toLastError } from './errors';
import { listAudioDevices, type MediaDevicesLike } from './media';
import { audioDeviceChanges } from './sdkEvents';
import type { AudioHelperLike } from './sdkTypes';
import type { StateStore } from './stateStore';
import { SoftphoneError } from '../contract/service';

/** The selection the AudioHelper reports, merged into the audio part of the state. */
export function readAudioState(audio: AudioHelperLike | null | undefined, current: SoftphoneState['audio']): SoftphoneState['audio'] {
  if (!audio) return current;
  return {
    ...current,
    selectedInput: audio.inputDevice?.deviceId ?? current.selectedInput,
    selectedOutputs: [...audio.speakerDevices.get()].map((d) => d.deviceId),
    selectedRingtoneOutputs: [...audio.ringtoneDevices.get()].map((d) => d.deviceId),
    outputSelectionSupported: audio.isOutputSelectionSupported,
  };
}

/** The input a fresh Device should use: the browser's 'default' entry, else the first microphone. */
export function pickDefaultInput(audio: AudioHelperLike): string | null {
  if (audio.availableInputDevices.has('default')) return 'default';
  const first = audio.availableInputDevices.values().next();
  return first.done ? null : first.value.deviceId;
}

export interface AudioControlsContext {
  media: MediaDevicesLike | null;
  store: StateStore;
  now: () => number;
  assertAlive: () => void;
  /** The live Device's AudioHelper, if there is one. */
  currentAudio: () => AudioHelperLike | null;
  /** The live Device's AudioHelper; throws `not_ready` without one. */
  requireAudio: () => AudioHelperLike;
  /** Runs an SDK call, recording a failure in lastError and rejecting with a SoftphoneError. */
  runSdk: <T>(source: LastError['source'], action: () => T | Promise<T>) => Promise<T>;
}

export interface AudioControls {
  refreshDeviceList(): Promise<void>;
  watchDeviceChanges(): void;
  /**
   * Selects the default microphone on the current Device unless one is selected already, so that
   * `selectedInput` names the microphone in use and the AudioHelper measures its level. Runs in the
   * background; a failure becomes a transient lastError.
   */
  selectDefaultInput(): void;
  /** Stops watching device changes and abandons a pending default selection. */
  stopWatching(): void;
  setInputDevice(deviceId: string): Promise<void>;
  setOutputDevice(deviceIds: string[]): Promise<void>;
  setRingtoneDevice(deviceIds: string[]): Promise<void>;
  testSpeaker(): Promise<void>;
}

export function createAudioControls(ctx: AudioControlsContext): AudioControls {
  const { media, store } = ctx;
  let deviceChangeListener: (() => void) | null = null;
  let defaultSelection: Subscription | null = null;

  const selectDefaultInput = (): void => {
    const audio = ctx.currentAudio();
    if (!audio || audio.inputDevice || defaultSelection) return;
    // The AudioHelper enumerates devices asynchronously after the Device is created and rejects ids
    // it has not seen yet: wait until it knows an input. (Its first `deviceChange` may come from the
    // outputs, which it updates before the inputs.)
    const hasInputs = (): boolean => audio.availableInputDevices.size > 0;
    const enumerated$ = hasInputs() ? of(undefined) : audioDeviceChanges(audio).pipe(filter(hasInputs), take(1));
    const subscription = enumerated$
      .pipe(
        switchMap(() => {
          const deviceId = pickDefaultInput(audio);
          // The user may have chosen a microphone meanwhile: never override that choice.
          return deviceId === null || audio.inputDevice ? EMPTY : from(audio.setInputDevice(deviceId));
        }),
      )
      .subscribe({
        next: () => store.update((s) => ({ ...s, audio: readAudioState(audio, s.audio) })),
        error: (error: unknown) => {
          defaultSelection = null;
          store.update((s) => ({ ...s, lastError: { ...toLastError(error, { source: 'audio', at: ctx.now() }), severity: 'transient' } }));
        },
        complete: () => {
          defaultSelection = null;
        },
      });
    defaultSelection = subscription.closed ? null : subscription;
  };

  const refreshDeviceList = async (): Promise<void> => {
    if (!media) return;
    try {
      const lists = await listAudioDevices(media);
      // The SDK may have switched away from an unplugged device: re-read its selection too.
      store.update((s) => ({ ...s, audio: readAudioState(ctx.currentAudio(), { ...s.audio, ...lists }) }));
    } catch (error) {
      store.update((s) => ({ ...s, lastError: toLastError(error, { source: 'audio', at: ctx.now() }) }));
    }
  };

  const setOutputs = async (kind: 'speakerDevices' | 'ringtoneDevices', deviceIds: string[]): Promise<void> => {
    ctx.assertAlive();
    const checked = checkDeviceIds(deviceIds);
    if (!checked.ok) throw new SoftphoneError('invalid_argument', checked.reason);
    const audio = ctx.requireAudio();
    if (!audio.isOutputSelectionSupported) {
      throw new SoftphoneError('unsupported', 'This browser cannot choose the speaker (no setSinkId).');
    }
    await ctx.runSdk('audio', () => audio[kind].set(deviceIds));
    store.update((s) => ({ ...s, audio: readAudioState(audio, s.audio) }));
  };

  return {
    refreshDeviceList,
    watchDeviceChanges() {
      if (!media || deviceChangeListener) return;
      deviceChangeListener = () => {
        void refreshDeviceList();
      };
      media.addEventListener('devicechange', deviceChangeListener);
    },
    selectDefaultInput,
    stopWatching() {
      if (media && deviceChangeListener) media.removeEventListener('devicechange', deviceChangeListener);
      deviceChangeListener = null;
      defaultSelection?.unsubscribe();
      defaultSelection = null;
    },
    async setInputDevice(deviceId) {
      ctx.assertAlive();
      if (typeof deviceId !== 'string' || deviceId.length === 0 || deviceId.length > 512) {
        throw new SoftphoneError('invalid_argument', 'deviceId must be a non-empty string.');
      }
      const audio = ctx.requireAudio();
      const inputs = store.get().audio.inputs;
      if (inputs.length > 0 && !inputs.some((d) => d.deviceId === deviceId)) {
        throw new SoftphoneError('invalid_argument', `No microphone with id ${deviceId}.`);
      }
      await ctx.runSdk('audio', () => audio.setInputDevice(deviceId));
      store.update((s) => ({ ...s, audio: { ...readAudioState(audio, s.audio), selectedInput: audio.inputDevice?.deviceId ?? deviceId } }));
    },
    setOutputDevice: (deviceIds) => setOutputs('speakerDevices', deviceIds),
    setRingtoneDevice: (deviceIds) => setOutputs('ringtoneDevices', deviceIds),
    async testSpeaker() {
      const audio = ctx.requireAudio();
      await ctx.runSdk('audio', () => audio.speakerDevices.test());
    },
  };
}
