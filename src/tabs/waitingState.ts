/** What a follower shows until the leader tab's first state arrives: a phone that is still starting. */
import { BUS_VERSION } from '../contract/busEvents';
import type { SoftphoneState } from '../contract/schemaState';

export function waitingState(instance: string): SoftphoneState {
  return {
    v: BUS_VERSION,
    instance,
    device: {
      state: 'initializing',
      identity: null,
      isBusy: false,
      edge: null,
      home: null,
      tokenExpiresAt: null,
      supported: true,
    },
    microphone: { permission: 'unknown' },
    audio: {
      inputs: [],
      outputs: [],
      selectedInput: null,
      selectedOutputs: [],
      selectedRingtoneOutputs: [],
      outputSelectionSupported: false,
    },
    calls: [],
    activeCallSid: null,
    lastError: null,
  };
}
