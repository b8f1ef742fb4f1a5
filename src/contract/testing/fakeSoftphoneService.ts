/**
 * An in-memory SoftphoneService for tests of the bus and the UI. It models the service's contract, not
 * the SDK: commands validate like the real service (parseDialTarget, validateDigits, call lookup by
 * `sid` or `twilioCallSid`, status checks), change `state$` and emit `events$`, and reject with the
 * same SoftphoneError codes. Every command call is recorded in `invocations`.
 */
import { BehaviorSubject, Subject } from 'rxjs';
import {
  BUS_VERSION,
  FEEDBACK_ISSUES,
  MAX_MESSAGE_BYTES,
  type CallEventName,
  type CallState,
  type DeviceEventName,
  type FeedbackIssue,
  type MediaDeviceSummary,
  type SoftphoneEvent,
  type SoftphoneState,
} from '../schema';
import { SoftphoneError, type CallVolume, type DialResult, type SendMessageResult, type SoftphoneService } from '../service';
import { parseDialTarget, validateDigits } from '../validation';
import { untouchedCallFields } from './stateBuilder';

export interface Invocation {
  method: string;
  args: unknown[];
}

export const FAKE_INPUTS: MediaDeviceSummary[] = [
  { deviceId: 'default', label: 'Default microphone' },
  { deviceId: 'mic-usb', label: 'USB headset microphone' },
];
export const FAKE_OUTPUTS: MediaDeviceSummary[] = [
  { deviceId: 'default', label: 'Default speaker' },
  { deviceId: 'spk-usb', label: 'USB headset' },
];

export function createFakeState(instance: string, overrides: Partial<SoftphoneState> = {}): SoftphoneState {
  return {
    v: BUS_VERSION,
    instance,
    device: { state: 'registered', identity: instance, isBusy: false, edge: 'roaming', home: 'local', tokenExpiresAt: 1_900_000_000_000, supported: true },
    microphone: { permission: 'granted' },
    audio: {
      inputs: FAKE_INPUTS,
      outputs: FAKE_OUTPUTS,
      selectedInput: 'default',
      selectedOutputs: ['default'],
      selectedRingtoneOutputs: ['default'],
      outputSelectionSupported: true,
    },
    calls: [],
    activeCallSid: null,
    lastError: null,
    ...overrides,
  };
}

export class FakeSoftphoneService implements SoftphoneService {
  readonly invocations: Invocation[] = [];
  private readonly stateSubject: BehaviorSubject<SoftphoneState>;
  private readonly eventSubject = new Subject<SoftphoneEvent>();
  private readonly volumeSubject = new Subject<CallVolume>();
  private readonly micLevelSubject = new Subject<number>();
  private sequence = 0;
  /** Controlled time so states and events are deterministic. */
  now = 1_700_000_000_000;

  readonly state$;
  readonly events$;
  readonly volume$;
  readonly micLevel$;

  constructor(
    readonly instance: string = 'alice',
    initial: Partial<SoftphoneState> = {},
  ) {
    this.stateSubject = new BehaviorSubject(createFakeState(instance, initial));
    this.state$ = this.stateSubject.asObservable();
    this.events$ = this.eventSubject.asObservable();
    this.volume$ = this.volumeSubject.asObservable();
    this.micLevel$ = this.micLevelSubject.asObservable();
  }

  getState(): SoftphoneState {
    return this.stateSubject.getValue();
  }

  /** How many subscribers the streams have: a leak check for whoever attaches to this service. */
  get subscriberCount(): number {
    return (this.stateSubject.observed ? 1 : 0) + (this.eventSubject.observed ? 1 : 0);
  }

  // ---- test controls -------------------------------------------------------------------------

  /** One microphone level sample (0..1), as the AudioHelper reports it. */
  pushMicLevel(level: number): void {
    this.micLevelSubject.next(level);
  }

  /** An incoming call rings (status `pending`, as the SDK reports incoming calls before accept). */
  receiveIncomingCall(from: string, sid = `CA${this.nextId()}`): string {
    this.updateCalls((calls) => [...calls, this.newCall({ sid, twilioCallSid: sid, direction: 'incoming', status: 'pending', from, to: `client:${this.instance}` })]);
    this.emit('device', 'incoming', sid, { from });
    return sid;
  }

  /** The far end answers an outgoing call. */
  answerOutgoing(sid: string, twilioCallSid = `CA${this.nextId()}`): void {
    this.patchCall(sid, { status: 'open', twilioCallSid, answeredAt: this.now });
    this.emit('call', 'accept', sid, null);
  }

  emitEvent(event: SoftphoneEvent): void {
    this.eventSubject.next(event);
  }

  setState(patch: Partial<SoftphoneState>): void {
    this.stateSubject.next({ ...this.getState(), ...patch });
  }

  // ---- SoftphoneService ----------------------------------------------------------------------

  async start(): Promise<void> {
    this.record('start', []);
    if (this.getState().device.state === 'initializing') this.setDevice('registered');
  }

  async register(): Promise<void> {
    this.record('register', []);
    const { state } = this.getState().device;
    if (state === 'initializing' || state === 'unsupported' || state === 'destroyed') throw new SoftphoneError('not_ready', `The device is ${state}.`);
    if (state === 'registered') return;
    this.setDevice('registered');
    this.emit('device', 'registered', undefined, null);
  }

  async unregister(): Promise<void> {
    this.record('unregister', []);
    if (this.getState().device.state !== 'registered') return;
    this.setDevice('unregistered');
    this.emit('device', 'unregistered', undefined, null);
  }

  async dial(to: string, params?: Record<string, string>): Promise<DialResult> {
    this.record('dial', [to, params]);
    const target = parseDialTarget(to);
    if (!target.ok) throw new SoftphoneError('invalid_number', target.reason);
    if (this.getState().device.state !== 'registered') throw new SoftphoneError('not_ready', 'The device is not registered.');
    if (this.getState().activeCallSid !== null) throw new SoftphoneError('busy', 'Already in a call.');
    const sid = `TJSfake-${this.nextId()}`;
    this.updateCalls((calls) => [...calls, this.newCall({ sid, direction: 'outgoing', status: 'connecting', from: this.instance, to: target.target.to, customParameters: { ...params } })], sid);
    return { callSid: sid };
  }

  async hangup(callSid?: string): Promise<void> {
    this.record('hangup', [callSid]);
    const call = this.requireCall(callSid, () => this.activeCall());
    if (call.status === 'closed') throw new SoftphoneError('wrong_state', 'The call has already ended.');
    this.close(call.sid, 'local-hangup', 'disconnect');
  }

  async hangupAll(): Promise<void> {
    this.record('hangupAll', []);
    for (const call of this.getState().calls) if (call.status !== 'closed') this.close(call.sid, 'local-hangup', 'disconnect');
  }

  async accept(callSid?: string): Promise<void> {
    this.record('accept', [callSid]);
    const call = this.requirePendingIncoming(callSid);
    if (this.getState().activeCallSid !== null) throw new SoftphoneError('busy', 'Hang up the current call first.');
    this.patchCall(call.sid, { status: 'open', answeredAt: this.now }, call.sid);
    this.emit('call', 'accept', call.sid, null);
  }

  async reject(callSid?: string): Promise<void> {
    this.record('reject', [callSid]);
    this.close(this.requirePendingIncoming(callSid).sid, 'rejected', 'reject');
  }

  async ignore(callSid?: string): Promise<void> {
    this.record('ignore', [callSid]);
    this.close(this.requirePendingIncoming(callSid).sid, 'ignored', null);
  }

  async mute(muted?: boolean, callSid?: string): Promise<{ muted: boolean }> {
    this.record('mute', [muted, callSid]);
    const call = this.requireOpenCall(callSid);
    const next = muted ?? !call.muted;
    this.patchCall(call.sid, { muted: next });
    this.emit('call', 'mute', call.sid, { muted: next });
    return { muted: next };
  }

  async sendDigits(digits: string, callSid?: string): Promise<void> {
    this.record('sendDigits', [digits, callSid]);
    const valid = validateDigits(digits);
    if (!valid.ok) throw new SoftphoneError('invalid_digits', valid.reason);
    this.requireOpenCall(callSid);
  }

  async sendMessage(content: unknown, messageType = 'user-defined-message', callSid?: string): Promise<SendMessageResult> {
    this.record('sendMessage', [content, messageType, callSid]);
    if (content === undefined || content === null) throw new SoftphoneError('invalid_argument', 'A message needs content.');
    if (JSON.stringify(content).length > MAX_MESSAGE_BYTES) throw new SoftphoneError('invalid_argument', 'The message is too large.');
    const call = this.requireOpenCall(callSid);
    const voiceEventSid = `KX${this.nextId()}`;
    this.patchCall(call.sid, { messages: [...call.messages, { direction: 'sent', content, messageType, voiceEventSid, at: this.now }] });
    this.emit('call', 'messageSent', call.sid, { voiceEventSid });
    return { voiceEventSid };
  }

  async setInputDevice(deviceId: string): Promise<void> {
    this.record('setInputDevice', [deviceId]);
    const { audio } = this.getState();
    if (!audio.inputs.some((d) => d.deviceId === deviceId)) throw new SoftphoneError('invalid_argument', 'No such microphone.');
    this.setState({ audio: { ...audio, selectedInput: deviceId } });
  }

  async setOutputDevice(deviceIds: string[]): Promise<void> {
    this.record('setOutputDevice', [deviceIds]);
    this.setState({ audio: { ...this.getState().audio, selectedOutputs: this.checkOutputs(deviceIds) } });
  }

  async setRingtoneDevice(deviceIds: string[]): Promise<void> {
    this.record('setRingtoneDevice', [deviceIds]);
    this.setState({ audio: { ...this.getState().audio, selectedRingtoneOutputs: this.checkOutputs(deviceIds) } });
  }

  async testSpeaker(): Promise<void> {
    this.record('testSpeaker', []);
  }

  async postFeedback(score: number, issue?: FeedbackIssue, callSid?: string): Promise<void> {
    this.record('postFeedback', [score, issue, callSid]);
    if (!Number.isInteger(score) || score < 1 || score > 5) throw new SoftphoneError('invalid_argument', 'The score must be 1 to 5.');
    if (issue !== undefined && !FEEDBACK_ISSUES.includes(issue)) throw new SoftphoneError('invalid_argument', 'Unknown feedback issue.');
    const calls = this.getState().calls;
    const call = this.requireCall(callSid, () => calls[calls.length - 1]);
    this.patchCall(call.sid, { feedbackSent: true });
  }

  async requestMicrophone(): Promise<void> {
    this.record('requestMicrophone', []);
    this.setState({ microphone: { permission: 'granted' } });
  }

  clearError(): void {
    this.record('clearError', []);
    this.setState({ lastError: null });
  }

  destroy(): void {
    this.record('destroy', []);
    if (this.getState().device.state === 'destroyed') return;
    this.setState({ calls: this.getState().calls.map((c) => (c.status === 'closed' ? c : { ...c, status: 'closed', endedAt: this.now, endReason: 'local-hangup' })), activeCallSid: null });
    this.setDevice('destroyed');
    this.stateSubject.complete();
    this.eventSubject.complete();
    this.volumeSubject.complete();
    this.micLevelSubject.complete();
  }

  // ---- internals -----------------------------------------------------------------------------

  private record(method: string, args: unknown[]): void {
    this.invocations.push({ method, args });
  }

  private nextId(): string {
    this.sequence += 1;
    return this.sequence.toString().padStart(4, '0');
  }

  private newCall(fields: Pick<CallState, 'sid' | 'direction' | 'status' | 'from' | 'to'> & Partial<CallState>): CallState {
    return {
      twilioCallSid: null,
      ...untouchedCallFields(),
      codec: null,
      startedAt: this.now,
      answeredAt: null,
      ...fields,
    };
  }

  private setDevice(state: SoftphoneState['device']['state']): void {
    this.setState({ device: { ...this.getState().device, state } });
  }

  private updateCalls(update: (calls: CallState[]) => CallState[], activeCallSid?: string | null): void {
    const current = this.getState();
    const active = activeCallSid === undefined ? current.activeCallSid : activeCallSid;
    this.setState({ calls: update(current.calls), activeCallSid: active, device: { ...current.device, isBusy: active !== null } });
  }

  private patchCall(sid: string, patch: Partial<CallState>, activeCallSid?: string | null): void {
    this.updateCalls((calls) => calls.map((c) => (c.sid === sid ? { ...c, ...patch } : c)), activeCallSid);
  }

  private close(sid: string, endReason: string, event: CallEventName | null): void {
    const active = this.getState().activeCallSid === sid ? null : undefined;
    this.patchCall(sid, { status: 'closed', endedAt: this.now, endReason }, active);
    if (event) this.emit('call', event, sid, null);
  }

  private activeCall(): CallState | undefined {
    const { calls, activeCallSid } = this.getState();
    return calls.find((c) => c.sid === activeCallSid);
  }

  private requireCall(callSid: string | undefined, fallback: () => CallState | undefined): CallState {
    const call = callSid === undefined ? fallback() : this.getState().calls.find((c) => c.sid === callSid || c.twilioCallSid === callSid);
    if (!call) throw new SoftphoneError('no_active_call', callSid === undefined ? 'There is no call.' : 'No call has that callSid.');
    return call;
  }

  private requirePendingIncoming(callSid?: string): CallState {
    const call = this.requireCall(callSid, () => this.getState().calls.find((c) => c.direction === 'incoming' && c.status === 'pending'));
    if (call.direction !== 'incoming' || call.status !== 'pending') throw new SoftphoneError('wrong_state', 'The call is not ringing.');
    return call;
  }

  private requireOpenCall(callSid?: string): CallState {
    const call = this.requireCall(callSid, () => this.activeCall());
    if (call.status !== 'open') throw new SoftphoneError('wrong_state', 'The call is not connected.');
    return call;
  }

  private checkOutputs(deviceIds: string[]): string[] {
    const { audio } = this.getState();
    if (!audio.outputSelectionSupported) throw new SoftphoneError('unsupported', 'This browser cannot choose speakers.');
    if (deviceIds.length === 0 || !deviceIds.every((id) => audio.outputs.some((d) => d.deviceId === id))) throw new SoftphoneError('invalid_argument', 'No such speaker.');
    return [...deviceIds];
  }

  private emit(source: 'device', name: DeviceEventName, callSid: string | undefined, data: unknown): void;
  private emit(source: 'call', name: CallEventName, callSid: string | undefined, data: unknown): void;
  private emit(source: 'device' | 'call', name: DeviceEventName | CallEventName, callSid: string | undefined, data: unknown): void {
    const base = { v: BUS_VERSION, instance: this.instance, at: this.now, data, ...(callSid === undefined ? {} : { callSid }) };
    this.eventSubject.next(source === 'device' ? { ...base, source, name: name as DeviceEventName } : { ...base, source, name: name as CallEventName });
  }
}
