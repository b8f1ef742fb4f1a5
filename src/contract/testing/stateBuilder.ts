/**
 * The one builder of softphone states and calls for tests and benchmarks. Defaults describe a registered phone with
 * a granted microphone, two microphones and two speakers, and no calls; every field can be overridden. Arrays are
 * fresh on each call, so a test that mutates what it built never leaks into the next one.
 */
import { BUS_VERSION, type CallState, type MediaDeviceSummary, type SoftphoneState } from '../schema';

export const FAKE_INPUTS: readonly MediaDeviceSummary[] = [
  { deviceId: 'default', label: 'Default - Built-in Microphone' },
  { deviceId: 'usb-mic', label: 'USB Headset Microphone' },
];
export const FAKE_OUTPUTS: readonly MediaDeviceSummary[] = [
  { deviceId: 'default', label: 'Default - Built-in Speakers' },
  { deviceId: 'usb-out', label: 'USB Headset' },
];

/** A fixed expiry in the future (2030), so states are deterministic and the token always reads as valid. */
export const FAKE_TOKEN_EXPIRES_AT = 1_900_000_000_000;

/** Top-level fields replace; `device`, `microphone` and `audio` are merged field by field over the defaults. */
export type SoftphoneStateOverrides = Partial<Omit<SoftphoneState, 'device' | 'microphone' | 'audio'>> & {
  device?: Partial<SoftphoneState['device']>;
  microphone?: Partial<SoftphoneState['microphone']>;
  audio?: Partial<SoftphoneState['audio']>;
};

/** A registered softphone (instance `alice` unless given; the device identity defaults to the instance). */
export function buildState(overrides: SoftphoneStateOverrides = {}): SoftphoneState {
  const { device, microphone, audio, ...rest } = overrides;
  const instance = rest.instance ?? 'alice';
  return {
    v: BUS_VERSION,
    calls: [],
    activeCallSid: null,
    lastError: null,
    ...rest,
    instance,
    device: {
      state: 'registered',
      identity: instance,
      isBusy: false,
      edge: 'roaming',
      home: 'local',
      tokenExpiresAt: FAKE_TOKEN_EXPIRES_AT,
      supported: true,
      ...device,
    },
    microphone: { permission: 'granted', ...microphone },
    audio: {
      inputs: [...FAKE_INPUTS],
      outputs: [...FAKE_OUTPUTS],
      selectedInput: 'default',
      selectedOutputs: ['default'],
      selectedRingtoneOutputs: ['default'],
      outputSelectionSupported: true,
      ...audio,
    },
  };
}

/**
 * The fields of a call nothing has happened to yet (not muted, not held, not ended, no warnings or messages, no
 * conference or consult); fresh arrays each time.
 */
export function untouchedCallFields(): Pick<
  CallState,
  | 'muted'
  | 'endedAt'
  | 'endReason'
  | 'customParameters'
  | 'warnings'
  | 'reconnecting'
  | 'messages'
  | 'feedbackSent'
  | 'held'
  | 'heldAt'
  | 'conferenceSid'
  | 'consultFor'
> {
  return {
    muted: false,
    endedAt: null,
    endReason: null,
    customParameters: {},
    warnings: [],
    reconnecting: false,
    messages: [],
    feedbackSent: false,
    held: false,
    heldAt: null,
    conferenceSid: null,
    consultFor: null,
  };
}

/** An outgoing call from alice to bob, connected (opus) 5 s ago after ringing for 5 s. */
export function buildCall(overrides: Partial<CallState> = {}): CallState {
  const now = Date.now();
  return {
    sid: 'CA0001',
    twilioCallSid: 'CA0001',
    direction: 'outgoing',
    status: 'open',
    from: 'client:alice',
    to: 'client:bob',
    ...untouchedCallFields(),
    codec: 'opus',
    startedAt: now - 10_000,
    answeredAt: now - 5_000,
    ...overrides,
  };
}
