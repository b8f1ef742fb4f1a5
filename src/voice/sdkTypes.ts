/**
 * The narrow slice of `@twilio/voice-sdk` the service depends on. The service talks only to these
 * interfaces, so tests can drive it with a double and the SDK stays in its own lazily loaded chunk.
 * `sdkAdapter.ts` proves at compile time that the real SDK classes satisfy them.
 */
import type { SoundName } from '../contract/sounds';

/** A listener as the SDK's EventEmitter calls it. */
export type SdkListener = (...args: unknown[]) => void;

/** The EventEmitter subset used to turn SDK events into observables. */
export interface EmitterLike {
  on(event: string, listener: SdkListener): unknown;
  removeListener(event: string, listener: SdkListener): unknown;
}

/** What the SDK passes to `messageReceived` / `messageSent` (Call.Message). */
export interface CallMessageLike {
  content: unknown;
  contentType?: string;
  messageType: string;
  voiceEventSid?: string;
}

/** Fields of a TwilioError (or any Error) the error mapper reads. */
export interface TwilioErrorLike {
  code?: number;
  name?: string;
  message?: string;
  description?: string;
  explanation?: string;
  causes?: string[];
  solutions?: string[];
}

export interface CallLike extends EmitterLike {
  readonly parameters: Record<string, string>;
  readonly customParameters: Map<string, string>;
  /** 'INCOMING' | 'OUTGOING' in the SDK (Call.CallDirection). */
  readonly direction: string;
  readonly codec: string;
  /** Temporary id of an outgoing call, known before Twilio assigns the CallSid. */
  readonly outboundConnectionId?: string;
  accept(options?: { rtcConfiguration?: RTCConfiguration }): void;
  reject(): void;
  ignore(): void;
  disconnect(): void;
  mute(shouldMute?: boolean): void;
  isMuted(): boolean;
  sendDigits(digits: string): void;
  sendMessage(message: CallMessageLike): string;
  postFeedback(score?: number, issue?: string): Promise<void>;
  /** 'pending' | 'connecting' | 'ringing' | 'open' | 'reconnecting' | 'closed' (Call.State). */
  status(): string;
}

export interface OutputDeviceCollectionLike {
  get(): Set<{ deviceId: string }>;
  set(deviceIdOrIds: string | string[]): Promise<void>;
  test(soundUrl?: string): Promise<unknown>;
}

/**
 * The Device's AudioHelper. As an emitter it raises `inputVolume` (0..1, once per animation frame while
 * an input device is set and someone listens) and `deviceChange` (after each enumeration, the first one
 * included).
 */
export interface AudioHelperLike extends EmitterLike {
  /** Null until `setInputDevice` succeeds. */
  readonly inputDevice: { deviceId: string } | null;
  /** Filled asynchronously after the Device is created; `setInputDevice` accepts only these ids. */
  readonly availableInputDevices: Map<string, { deviceId: string; label: string }>;
  readonly isOutputSelectionSupported: boolean;
  readonly availableOutputDevices: Map<string, { deviceId: string; label: string }>;
  readonly speakerDevices: OutputDeviceCollectionLike;
  readonly ringtoneDevices: OutputDeviceCollectionLike;
  setInputDevice(deviceId: string): Promise<void>;
}

export interface DeviceConnectOptions {
  params?: Record<string, string>;
  rtcConfiguration?: RTCConfiguration;
}

export interface DeviceLike extends EmitterLike {
  /** 'unregistered' | 'registering' | 'registered' | 'destroyed' (Device.State). */
  readonly state: string;
  readonly isBusy: boolean;
  readonly edge: string | null;
  readonly home: string | null;
  readonly identity: string | null;
  /** The access token the Device uses now (the call-control route authenticates us with it). */
  readonly token: string | null;
  readonly audio: AudioHelperLike | null;
  register(): Promise<void>;
  unregister(): Promise<void>;
  connect(options?: DeviceConnectOptions): Promise<CallLike>;
  updateToken(token: string): void;
  disconnectAll(): void;
  destroy(): void;
}

/** Sound names the Device `sounds` option accepts: one list, shared with the server that renders them. */
export { SOUND_NAMES, type SoundName } from '../contract/sounds';

/** Options handed to the Device constructor: Device.Options plus the extended gateway options. */
export interface DeviceOptionsLike {
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'silent' | 0 | 1 | 2 | 3 | 4 | 5;
  codecPreferences?: Array<'opus' | 'pcmu'>;
  edge?: string | string[];
  closeProtection?: boolean | string;
  enableImprovedSignalingErrorPrecision?: boolean;
  tokenRefreshMs?: number;
  allowIncomingWhileBusy?: boolean;
  sounds?: Partial<Record<SoundName, string>>;
  chunderw?: string | string[];
  eventgw?: string;
  publishEvents?: boolean;
  /** The constructor the SDK builds each call's RTCPeerConnection with (documented Device option). */
  RTCPeerConnection?: new (configuration?: RTCConfiguration) => RTCPeerConnection;
}

/** Creates Devices; `isSupported` mirrors the SDK's static `Device.isSupported`. */
export interface DeviceFactory {
  readonly isSupported: boolean;
  create(token: string, options: DeviceOptionsLike): DeviceLike;
}
