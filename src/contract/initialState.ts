/** The state of a softphone that is still starting: no Device yet, nothing known about microphone or audio. */
import { BUS_VERSION } from './busEvents.js';
import type { SoftphoneState } from './schemaState.js';

export function initialSoftphoneState(instance: string): SoftphoneState {
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
      registrationConfirmedAt: null,
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
