/** Pure reads of the Device's AudioHelper into the `audio` part of the state. */
import type { SoftphoneState } from '../contract/schema';
import type { AudioHelperLike } from './sdkTypes';

/** The selection the AudioHelper reports, merged into the audio part of the state. */
export function readAudioState(
  audio: AudioHelperLike | null | undefined,
  current: SoftphoneState['audio'],
): SoftphoneState['audio'] {
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
