/**
 * Audio devices of one softphone: the input/output lists (kept current on `devicechange`) and the
 * selection commands that go through the Device's AudioHelper.
 */
import { checkDeviceIds } from '../contract/commandArgs';
import { SoftphoneError } from '../contract/service';
import { readAudioState } from './audioState';
import { DefaultInputSelection } from './defaultInput';
import { AudioDeviceList } from './deviceList';
import type { SdkRunner } from './errorReporter';
import type { MediaDevicesLike } from './media';
import type { AudioHelperLike } from './sdkTypes';
import type { StateStore } from './stateStore';

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
  runSdk: SdkRunner;
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

async function selectInput(ctx: AudioControlsContext, deviceId: string): Promise<void> {
  ctx.assertAlive();
  if (typeof deviceId !== 'string' || deviceId.length === 0 || deviceId.length > 512) {
    throw new SoftphoneError('invalid_argument', 'deviceId must be a non-empty string.');
  }
  const audio = ctx.requireAudio();
  const inputs = ctx.store.get().audio.inputs;
  if (inputs.length > 0 && !inputs.some((d) => d.deviceId === deviceId)) {
    throw new SoftphoneError('invalid_argument', `No microphone with id ${deviceId}.`);
  }
  await ctx.runSdk(() => audio.setInputDevice(deviceId), { source: 'audio' });
  ctx.store.update((s) => ({
    ...s,
    audio: { ...readAudioState(audio, s.audio), selectedInput: audio.inputDevice?.deviceId ?? deviceId },
  }));
}

async function selectOutputs(
  ctx: AudioControlsContext,
  kind: 'speakerDevices' | 'ringtoneDevices',
  deviceIds: string[],
): Promise<void> {
  ctx.assertAlive();
  const checked = checkDeviceIds(deviceIds);
  if (!checked.ok) throw new SoftphoneError('invalid_argument', checked.reason);
  const audio = ctx.requireAudio();
  if (!audio.isOutputSelectionSupported) {
    throw new SoftphoneError('unsupported', 'This browser cannot choose the speaker (no setSinkId).');
  }
  await ctx.runSdk(() => audio[kind].set(deviceIds), { source: 'audio' });
  ctx.store.update((s) => ({ ...s, audio: readAudioState(audio, s.audio) }));
}

export function createAudioControls(ctx: AudioControlsContext): AudioControls {
  const deviceList = new AudioDeviceList(ctx);
  const defaultInput = new DefaultInputSelection(ctx);
  return {
    refreshDeviceList: deviceList.refresh,
    watchDeviceChanges: () => deviceList.watch(),
    selectDefaultInput: () => defaultInput.start(),
    stopWatching() {
      deviceList.stopWatching();
      defaultInput.cancel();
    },
    setInputDevice: (deviceId) => selectInput(ctx, deviceId),
    setOutputDevice: (deviceIds) => selectOutputs(ctx, 'speakerDevices', deviceIds),
    setRingtoneDevice: (deviceIds) => selectOutputs(ctx, 'ringtoneDevices', deviceIds),
    async testSpeaker() {
      const audio = ctx.requireAudio();
      await ctx.runSdk(() => audio.speakerDevices.test(), { source: 'audio' });
    },
  };
}
