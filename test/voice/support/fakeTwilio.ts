/**
 * Test doubles for `@twilio/voice-sdk` (Device, Call, AudioHelper) and the browser media APIs.
 *
 * They follow the SDK's state machine and event order as implemented in
 * node_modules/@twilio/voice-sdk/es5/twilio/{device,call}.js:
 * - Device: `register()` only from 'unregistered' (else InvalidStateError), state set before its
 *   event is emitted; `connect()` throws while a call is active; `destroy()` rejects pending calls,
 *   disconnects the rest, emits 'destroyed' and removes every listener.
 * - Call: `accept/reject/ignore` are no-ops unless 'pending'; `ignore()` emits nothing; `disconnect`
 *   only from connecting/ringing/open/reconnecting; `reconnected` is emitted *before* the status goes
 *   back to 'open'; a remote hangup with an error emits 'error' before 'disconnect'; a microphone
 *   failure while accepting emits 'disconnect' before 'error'; `mute` emits only on change.
 * Every emitter counts the listeners that callers attached and did not detach, so tests can prove
 * that the service leaves nothing behind (the real Device's `destroy()` would otherwise hide leaks by
 * calling removeAllListeners).
 */
import { EventEmitter } from 'events';
import type {
  AudioHelperLike,
  CallLike,
  CallMessageLike,
  DeviceConnectOptions,
  DeviceFactory,
  DeviceLike,
  DeviceOptionsLike,
  OutputDeviceCollectionLike,
} from '../../../src/voice/sdkTypes';
import type { MediaDeviceInfoLike, MediaDevicesLike, PermissionsLike } from '../../../src/voice/media';

type Listener = (...args: unknown[]) => void;

/** An SDK-style error: TwilioError fields on an Error. */
export function fakeTwilioError(
  code: number,
  message = `error ${code}`,
  extra: { name?: string; explanation?: string; solutions?: string[]; causes?: string[]; description?: string } = {},
): Error & { code: number; explanation: string; solutions: string[]; causes: string[]; description: string } {
  return Object.assign(new Error(message), {
    name: extra.name ?? 'TwilioError',
    code,
    explanation: extra.explanation ?? '',
    solutions: extra.solutions ?? [],
    causes: extra.causes ?? [],
    description: extra.description ?? '',
  });
}

function sdkException(name: 'InvalidArgumentError' | 'InvalidStateError', message: string): Error {
  return Object.assign(new Error(message), { name });
}

/** EventEmitter that remembers which listeners callers attached and have not removed. */
class CountingEmitter extends EventEmitter {
  private readonly attached = new Set<{ event: string; listener: Listener }>();

  override on(event: string, listener: Listener): this {
    this.attached.add({ event, listener });
    return super.on(event, listener);
  }

  override removeListener(event: string, listener: Listener): this {
    for (const entry of this.attached) {
      if (entry.event === event && entry.listener === listener) {
        this.attached.delete(entry);
        break;
      }
    }
    return super.removeListener(event, listener);
  }

  /** Listeners attached through on() and never removed through removeListener(). */
  get clientListenerCount(): number {
    return this.attached.size;
  }

  /** Listeners the emitter would call right now. */
  get liveListenerCount(): number {
    return this.eventNames().reduce((sum, name) => sum + this.listenerCount(name), 0);
  }
}

let sidCounter = 0;
const nextSid = (prefix: string): string => `${prefix}${(++sidCounter).toString(16).padStart(32, '0')}`;

export type FakeCallStatus = 'pending' | 'connecting' | 'ringing' | 'open' | 'reconnecting' | 'closed';

export class FakeCall extends CountingEmitter implements CallLike {
  readonly parameters: Record<string, string>;
  readonly customParameters: Map<string, string>;
  readonly direction: 'INCOMING' | 'OUTGOING';
  readonly outboundConnectionId?: string;
  codec = '';
  private currentStatus: FakeCallStatus;
  private muted = false;
  private readonly unacked = new Map<string, CallMessageLike>();
  readonly acceptOptions: unknown[] = [];
  readonly sentDigits: string[] = [];
  readonly sentMessages: CallMessageLike[] = [];
  readonly feedback: Array<{ score?: number; issue?: string }> = [];
  disconnectCalls = 0;
  private readonly onAccept: (call: FakeCall) => void;
  rejectCalls = 0;
  ignoreCalls = 0;

  constructor(
    direction: 'INCOMING' | 'OUTGOING',
    init: {
      parameters?: Record<string, string>;
      customParameters?: Record<string, string>;
      /** What the far end does once the call is accepted (a server-originated leg answers at once). */
      onAccept?: (call: FakeCall) => void;
    } = {},
    private readonly onClosed: (call: FakeCall) => void = () => undefined,
    private readonly onAccepted: (call: FakeCall) => void = () => undefined,
    /** Device's `beforeAccept` (device.js): accepting an incoming call disconnects the active one first. */
    private readonly beforeAccept: (call: FakeCall) => void = () => undefined,
  ) {
    super();
    this.direction = direction;
    this.parameters = { ...init.parameters };
    this.customParameters = new Map(Object.entries(init.customParameters ?? {}));
    this.onAccept = init.onAccept ?? (() => undefined);
    // Both directions start pending; connect() accepts outgoing calls right away.
    this.currentStatus = 'pending';
    if (direction === 'OUTGOING') this.outboundConnectionId = nextSid('TJSce');
  }

  status(): FakeCallStatus {
    return this.currentStatus;
  }

  private close(): void {
    this.currentStatus = 'closed';
    this.onClosed(this);
  }

  accept(options?: unknown): void {
    if (this.currentStatus !== 'pending') return;
    this.beforeAccept(this);
    this.acceptOptions.push(options);
    this.currentStatus = 'connecting';
    this.onAccept(this);
  }

  reject(): void {
    if (this.currentStatus !== 'pending') return;
    this.rejectCalls++;
    this.close();
    this.emit('reject');
  }

  ignore(): void {
    if (this.currentStatus !== 'pending') return;
    this.ignoreCalls++;
    this.close();
  }

  disconnect(): void {
    this.disconnectCalls++;
    if (!['open', 'connecting', 'reconnecting', 'ringing'].includes(this.currentStatus)) return;
    this.close();
    this.emit('disconnect', this);
  }

  mute(shouldMute = true): void {
    const was = this.muted;
    this.muted = shouldMute;
    if (was !== this.muted) this.emit('mute', this.muted, this);
  }

  isMuted(): boolean {
    return this.muted;
  }

  sendDigits(digits: string): void {
    if (/[^0-9*#w]/.test(digits))
      throw sdkException('InvalidArgumentError', 'Illegal character passed into sendDigits');
    this.sentDigits.push(digits);
  }

  sendMessage(message: CallMessageLike): string {
    if (message.content === undefined || message.content === null)
      throw sdkException('InvalidArgumentError', '`content` is empty');
    if (typeof message.messageType !== 'string' || message.messageType.length === 0) {
      throw sdkException('InvalidArgumentError', '`messageType` must be a non-empty string.');
    }
    if (this.parameters.CallSid === undefined)
      throw sdkException('InvalidStateError', 'Could not send CallMessage; Call has no CallSid');
    const voiceEventSid = nextSid('KX');
    const stored = { ...message, voiceEventSid };
    this.unacked.set(voiceEventSid, stored);
    this.sentMessages.push(stored);
    return voiceEventSid;
  }

  postFeedback(score?: number, issue?: string): Promise<void> {
    if (score !== undefined && ![1, 2, 3, 4, 5].includes(score))
      throw sdkException('InvalidArgumentError', 'Feedback score must be one of: 1,2,3,4,5');
    this.feedback.push({ score, issue });
    return Promise.resolve();
  }

  // ----- what the gateway / media layer would do ------------------------------------------------

  /** Outgoing: the gateway reports ringing (and assigns the CallSid). */
  simulateRinging(callSid = nextSid('CA'), hasEarlyMedia = false): void {
    this.parameters.CallSid = callSid;
    if (this.currentStatus !== 'connecting' && this.currentStatus !== 'ringing') return;
    this.currentStatus = 'ringing';
    this.emit('ringing', hasEarlyMedia);
  }

  /** Signaling answered and media open: the call becomes 'open' and emits 'accept'. */
  simulateAnswer(callSid?: string): void {
    if (callSid) this.parameters.CallSid = callSid;
    this.parameters.CallSid ??= nextSid('CA');
    if (this.currentStatus !== 'connecting' && this.currentStatus !== 'ringing') return;
    this.currentStatus = 'open';
    this.codec = 'opus';
    this.onAccepted(this);
    this.emit('accept', this);
  }

  /** The far end hung up; with an error the SDK emits it first. */
  simulateRemoteHangup(error?: Error): void {
    if (this.currentStatus === 'closed') return;
    if (error) this.emit('error', error);
    if (!['open', 'connecting', 'reconnecting', 'ringing'].includes(this.currentStatus)) return;
    this.close();
    this.emit('disconnect', this);
  }

  /** The caller gave up before we answered. */
  simulateCancel(): void {
    this.close();
    this.emit('cancel');
  }

  /** getUserMedia failed inside accept(): disconnect first, then the error (call.js order). */
  simulateAcceptFailure(error: Error): void {
    if (this.currentStatus === 'closed') return;
    this.close();
    this.emit('disconnect', this);
    this.emit('error', error);
  }

  simulateReconnecting(error: Error = fakeTwilioError(53405, 'Media connection failed.')): void {
    this.currentStatus = 'reconnecting';
    this.emit('reconnecting', error);
  }

  simulateReconnected(): void {
    this.emit('reconnected');
    this.currentStatus = 'open';
  }

  simulateWarning(name: string, data: unknown = null): void {
    this.emit('warning', name, data);
  }

  simulateWarningCleared(name: string): void {
    this.emit('warning-cleared', name);
  }

  simulateVolume(input: number, output: number): void {
    this.emit('volume', input, output);
  }

  simulateSample(sample: Record<string, unknown>): void {
    if (typeof sample.codecName === 'string') this.codec = sample.codecName;
    this.emit('sample', sample);
  }

  simulateMessageReceived(content: unknown, messageType = 'user-defined-message', voiceEventSid = nextSid('KX')): void {
    this.emit('messageReceived', { content, contentType: 'application/json', messageType, voiceEventSid });
  }

  /** The gateway acknowledged a sent message. */
  simulateMessageAck(voiceEventSid: string): void {
    const message = this.unacked.get(voiceEventSid);
    if (!message) return;
    this.unacked.delete(voiceEventSid);
    this.emit('messageSent', message);
  }

  /** The gateway refused a sent message (the SDK's error carries no voiceEventSid). */
  simulateMessageError(voiceEventSid: string, error: Error): void {
    if (!this.unacked.delete(voiceEventSid)) return;
    this.emit('error', error);
  }

  simulateError(error: Error): void {
    this.emit('error', error);
  }
}

export class FakeOutputDeviceCollection implements OutputDeviceCollectionLike {
  private active = new Set<{ deviceId: string }>([{ deviceId: 'default' }]);
  testCalls = 0;
  testFailure: Error | null = null;

  constructor(private readonly available: () => Map<string, { deviceId: string; label: string }>) {}

  get(): Set<{ deviceId: string }> {
    return this.active;
  }

  set(deviceIdOrIds: string | string[]): Promise<void> {
    const ids = Array.isArray(deviceIdOrIds) ? deviceIdOrIds : [deviceIdOrIds];
    const unknown = ids.filter((id) => !this.available().has(id));
    if (unknown.length > 0)
      return Promise.reject(sdkException('InvalidArgumentError', `Devices not found: ${unknown.join(', ')}`));
    this.active = new Set(ids.map((deviceId) => ({ deviceId })));
    return Promise.resolve();
  }

  test(): Promise<unknown> {
    this.testCalls++;
    return this.testFailure ? Promise.reject(this.testFailure) : Promise.resolve();
  }
}

/**
 * AudioHelper double. Like the SDK's (audiohelper.js) it accepts only input ids it has enumerated,
 * emits `deviceChange` after an enumeration that found new devices, and raises `inputVolume` only
 * while an input device is set.
 */
export class FakeAudioHelper extends CountingEmitter implements AudioHelperLike {
  inputDevice: { deviceId: string } | null = null;
  isOutputSelectionSupported = true;
  readonly availableOutputDevices = new Map<string, { deviceId: string; label: string }>([
    ['default', { deviceId: 'default', label: 'Default speaker' }],
    ['speaker-2', { deviceId: 'speaker-2', label: 'USB headset' }],
  ]);
  readonly availableInputDevices = new Map<string, { deviceId: string; label: string }>([
    ['default', { deviceId: 'default', label: 'Built-in microphone' }],
    ['mic-2', { deviceId: 'mic-2', label: 'USB headset microphone' }],
  ]);
  readonly speakerDevices = new FakeOutputDeviceCollection(() => this.availableOutputDevices);
  readonly ringtoneDevices = new FakeOutputDeviceCollection(() => this.availableOutputDevices);
  readonly setInputDeviceCalls: string[] = [];
  /** Makes the next setInputDevice calls fail (e.g. getUserMedia NotReadableError). */
  inputFailure: Error | null = null;

  setInputDevice(deviceId: string): Promise<void> {
    this.setInputDeviceCalls.push(deviceId);
    if (!this.availableInputDevices.has(deviceId))
      return Promise.reject(sdkException('InvalidArgumentError', `Device not found: ${deviceId}`));
    if (this.inputFailure) return Promise.reject(this.inputFailure);
    this.inputDevice = { deviceId };
    return Promise.resolve();
  }

  /**
   * The helper's own (asynchronous) enumeration finished with these inputs. Like audiohelper.js it
   * updates the outputs first, emitting `deviceChange` for them before the inputs are known.
   */
  simulateEnumeration(inputs: Array<{ deviceId: string; label: string }>): void {
    this.emit('deviceChange', []);
    this.availableInputDevices.clear();
    inputs.forEach((d) => this.availableInputDevices.set(d.deviceId, d));
    this.emit('deviceChange', []);
  }

  /** One polled level sample of the selected microphone. */
  simulateInputVolume(level: number): void {
    if (this.inputDevice) this.emit('inputVolume', level);
  }
}

export type FakeDeviceState = 'unregistered' | 'registering' | 'registered' | 'destroyed';

export class FakeDevice extends CountingEmitter implements DeviceLike {
  private currentState: FakeDeviceState = 'unregistered';
  edge: string | null = null;
  home: string | null = null;
  identity: string | null = null;
  readonly audio = new FakeAudioHelper();
  /** Incoming calls not yet accepted (Device#calls). */
  readonly calls: FakeCall[] = [];
  activeCall: FakeCall | null = null;
  readonly updatedTokens: string[] = [];
  readonly connectOptions: DeviceConnectOptions[] = [];
  registerCalls = 0;
  unregisterCalls = 0;
  destroyCalls = 0;
  disconnectAllCalls = 0;
  /** 'auto' completes registration on the next microtask; 'manual' waits for the test. */
  registration: 'auto' | 'manual' = 'auto';
  private pendingRegistration: { resolve: () => void; reject: (e: Error) => void } | null = null;

  constructor(
    public token: string,
    readonly options: DeviceOptionsLike,
    private readonly registeredIdentity: string,
  ) {
    super();
  }

  get state(): FakeDeviceState {
    return this.currentState;
  }

  get isBusy(): boolean {
    return this.activeCall !== null;
  }

  private setState(state: FakeDeviceState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.emit(state);
  }

  private throwIfDestroyed(): void {
    if (this.currentState === 'destroyed') throw sdkException('InvalidStateError', 'Device has been destroyed.');
  }

  register(): Promise<void> {
    if (this.currentState !== 'unregistered') {
      return Promise.reject(
        sdkException('InvalidStateError', `Attempt to register when device is in state "${this.currentState}".`),
      );
    }
    this.registerCalls++;
    this.setState('registering');
    return new Promise<void>((resolve, reject) => {
      this.pendingRegistration = { resolve, reject };
      if (this.registration === 'auto') queueMicrotask(() => this.completeRegistration());
    });
  }

  completeRegistration(): void {
    if (this.currentState !== 'registering') return;
    this.identity = this.registeredIdentity;
    this.edge = 'roaming';
    this.home = 'us1';
    this.setState('registered');
    this.pendingRegistration?.resolve();
    this.pendingRegistration = null;
  }

  /** The gateway refused the registration: error, then back to unregistered (register() rejects). */
  failRegistration(error: Error): void {
    this.emit('error', error);
    this.setState('unregistered');
    this.pendingRegistration?.reject(error);
    this.pendingRegistration = null;
  }

  async unregister(): Promise<void> {
    if (this.currentState !== 'registered') {
      throw sdkException('InvalidStateError', `Attempt to unregister when device is in state "${this.currentState}".`);
    }
    this.unregisterCalls++;
    await Promise.resolve();
    this.edge = null;
    this.setState('unregistered');
  }

  async connect(options: DeviceConnectOptions = {}): Promise<FakeCall> {
    this.throwIfDestroyed();
    if (this.activeCall) throw sdkException('InvalidStateError', 'A Call is already active');
    this.connectOptions.push(options);
    const call = new FakeCall('OUTGOING', { customParameters: options.params }, (c) => this.removeCall(c));
    this.activeCall = call;
    await Promise.resolve();
    this.calls.splice(0).forEach((pending) => pending.ignore());
    call.accept({ rtcConfiguration: options.rtcConfiguration });
    return call;
  }

  updateToken(token: string): void {
    this.throwIfDestroyed();
    this.updatedTokens.push(token);
    this.token = token;
  }

  disconnectAll(): void {
    this.disconnectAllCalls++;
    this.calls.splice(0).forEach((call) => call.disconnect());
    this.activeCall?.disconnect();
  }

  destroy(): void {
    this.destroyCalls++;
    this.calls.slice().forEach((call) => call.reject());
    this.disconnectAll();
    this.setState('destroyed');
    this.removeAllListeners();
  }

  private removeCall(call: FakeCall): void {
    if (this.activeCall === call) this.activeCall = null;
    const index = this.calls.indexOf(call);
    if (index >= 0) this.calls.splice(index, 1);
  }

  // ----- what the gateway would do ----------------------------------------------------------------

  /** An invite arrives; ignored while busy unless `allowIncomingWhileBusy`. */
  simulateIncoming(
    init: {
      callSid?: string;
      from?: string;
      to?: string;
      customParameters?: Record<string, string>;
      onAccept?: (call: FakeCall) => void;
    } = {},
  ): FakeCall | null {
    if (this.activeCall && !this.options.allowIncomingWhileBusy) return null;
    const call = new FakeCall(
      'INCOMING',
      {
        parameters: {
          CallSid: init.callSid ?? nextSid('CA'),
          From: init.from ?? 'client:bob',
          To: init.to ?? `client:${this.registeredIdentity}`,
        },
        customParameters: init.customParameters,
        onAccept: init.onAccept,
      },
      (c) => this.removeCall(c),
      (c) => {
        this.removeCall(c);
        this.activeCall = c;
      },
      (c) => {
        const active = this.activeCall;
        if (!active || active === c) return;
        active.disconnect();
        this.removeCall(active);
      },
    );
    this.calls.push(call);
    this.emit('incoming', call);
    return call;
  }

  /** The signaling socket dropped (PStream `offline`): the SDK says unregistered and will re-register itself. */
  simulateSignalingOffline(): void {
    if (this.currentState === 'destroyed') return;
    this.edge = null;
    this.setState('unregistered');
  }

  /** The signaling socket is back (PStream `connected`) but the SDK did not re-register. */
  simulateSignalingConnected(): void {
    this.edge = 'roaming';
  }

  /** After a signaling reconnect the SDK re-registers by itself (`_shouldReRegister`). */
  simulateSdkReRegistered(): void {
    if (this.currentState === 'destroyed') return;
    this.setState('registering');
    this.identity = this.registeredIdentity;
    this.setState('registered');
  }

  simulateTokenWillExpire(): void {
    this.emit('tokenWillExpire', this);
  }

  simulateError(error: Error, call?: FakeCall): void {
    this.emit('error', error, call);
  }
}

/** A Device factory that records every Device it creates. */
export class FakeTwilio {
  readonly devices: FakeDevice[] = [];
  isSupported = true;
  loads = 0;
  /** Applied to each new Device before it is returned. */
  configure: (device: FakeDevice) => void = () => undefined;

  constructor(private readonly identity: string = 'alice') {}

  get device(): FakeDevice {
    const last = this.devices[this.devices.length - 1];
    if (!last) throw new Error('no Device was created');
    return last;
  }

  readonly factory = (): Promise<DeviceFactory> => {
    this.loads++;
    return Promise.resolve({
      isSupported: this.isSupported,
      create: (token: string, options: DeviceOptionsLike) => {
        const device = new FakeDevice(token, options, this.identity);
        this.configure(device);
        this.devices.push(device);
        return device;
      },
    });
  };
}

export interface FakeMediaTrack {
  stopped: boolean;
  stop(): void;
}

/** navigator.mediaDevices double: permission outcome, device list, devicechange listeners. */
export class FakeMediaDevices implements MediaDevicesLike {
  outcome: 'granted' | 'denied' | 'no-device' = 'granted';
  devices: MediaDeviceInfoLike[] = [
    { deviceId: 'default', kind: 'audioinput', label: 'Built-in microphone', groupId: 'g1' },
    { deviceId: 'mic-2', kind: 'audioinput', label: 'USB headset microphone', groupId: 'g2' },
    { deviceId: 'default', kind: 'audiooutput', label: 'Built-in speaker', groupId: 'g1' },
    { deviceId: 'speaker-2', kind: 'audiooutput', label: 'USB headset', groupId: 'g2' },
    { deviceId: 'cam', kind: 'videoinput', label: 'Camera', groupId: 'g3' },
  ];
  readonly tracks: FakeMediaTrack[] = [];
  getUserMediaCalls = 0;
  private granted = false;
  private readonly listeners = new Set<() => void>();

  getUserMedia(): Promise<{ getTracks(): FakeMediaTrack[] }> {
    this.getUserMediaCalls++;
    if (this.outcome === 'denied')
      return Promise.reject(Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' }));
    if (this.outcome === 'no-device')
      return Promise.reject(Object.assign(new Error('Requested device not found'), { name: 'NotFoundError' }));
    this.granted = true;
    const track: FakeMediaTrack = {
      stopped: false,
      stop() {
        this.stopped = true;
      },
    };
    this.tracks.push(track);
    return Promise.resolve({ getTracks: () => [track] });
  }

  /** Browsers hide labels until a permission was granted. */
  enumerateDevices(): Promise<MediaDeviceInfoLike[]> {
    return Promise.resolve(this.devices.map((d) => (this.granted ? { ...d } : { ...d, label: '' })));
  }

  addEventListener(_type: 'devicechange', listener: () => void): void {
    this.listeners.add(listener);
  }

  removeEventListener(_type: 'devicechange', listener: () => void): void {
    this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  get liveTrackCount(): number {
    return this.tracks.filter((t) => !t.stopped).length;
  }

  /** Plug or unplug something. */
  simulateDeviceChange(devices: MediaDeviceInfoLike[]): void {
    this.devices = devices;
    this.listeners.forEach((listener) => listener());
  }
}

export class FakePermissions implements PermissionsLike {
  constructor(public state: 'granted' | 'denied' | 'prompt' = 'prompt') {}

  query(): Promise<{ state: string }> {
    return Promise.resolve({ state: this.state });
  }
}

function base64Url(text: string): string {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** An unsigned JWT with the given payload (the service only decodes `exp`). */
export function makeJwt(payload: Record<string, unknown>): string {
  return `${base64Url(JSON.stringify({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' }))}.${base64Url(JSON.stringify(payload))}.signature`;
}
