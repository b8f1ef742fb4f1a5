/**
 * The one in-memory SoftphoneService for tests and benchmarks (no SDK, no timers). Its streams behave like the real
 * service's (BehaviorSubject-backed `state$`, everything completes on destroy) and count their subscribers. Every
 * command call is recorded in `invocations`, and `failNext` makes the next call of a command reject with a typed
 * SoftphoneError. What a command does otherwise depends on the mode:
 *  - `contract` (default): it models the service's contract (see contractModel.ts): validates, changes `state$`,
 *    emits `events$`, rejects with the service's error codes. For tests of the bus, the parcel and the siblings.
 *  - `record`: it only resolves (dial with a new callSid, mute with the new value); the state changes through
 *    `setState` alone, except `clearError`, which forgets `lastError` as a dismissed error must. For tests and
 *    benchmarks of the UI, which script every state themselves.
 */
import type { FeedbackIssue, HistoryEntry, HistoryResult, SoftphoneEvent, SoftphoneState } from '../schema';
import {
  SoftphoneError,
  type CallVolume,
  type DialResult,
  type SendMessageResult,
  type SoftphoneService,
} from '../service';
import type { AsyncCommandName, CommandName } from './commandNames';
import { ContractModel } from './contractModel';
import { FakeHistory } from './fakeHistory';
import { FakeStreams, type SubscriberCounts } from './fakeStreams';
import { buildState, type SoftphoneStateOverrides } from './stateBuilder';

export { COMMAND_NAMES, type AsyncCommandName, type CommandName } from './commandNames';

export interface Invocation {
  method: CommandName;
  args: unknown[];
}

export interface FakeSoftphoneOptions {
  commands?: 'contract' | 'record';
}

export class FakeSoftphoneService implements SoftphoneService {
  readonly invocations: Invocation[] = [];
  /** Controlled time, so states and events are deterministic. */
  now = 1_700_000_000_000;

  readonly state$;
  readonly events$;
  readonly volume$;
  readonly micLevel$;
  readonly history$;

  private readonly streams: FakeStreams;
  private readonly model: ContractModel;
  private readonly mode: 'contract' | 'record';
  private readonly fakeHistory = new FakeHistory();
  private readonly failures = new Map<AsyncCommandName, SoftphoneError[]>();
  private sequence = 0;

  /** `initial` overrides buildState()'s registered phone; the device identity defaults to `instance`. */
  constructor(
    readonly instance: string = 'alice',
    initial: SoftphoneStateOverrides = {},
    options: FakeSoftphoneOptions = {},
  ) {
    this.mode = options.commands ?? 'contract';
    this.streams = new FakeStreams(
      buildState({
        ...initial,
        instance: initial.instance ?? instance,
        device: { identity: instance, ...initial.device },
      }),
    );
    this.state$ = this.streams.state$;
    this.events$ = this.streams.events$;
    this.volume$ = this.streams.volume$;
    this.micLevel$ = this.streams.micLevel$;
    this.history$ = this.fakeHistory.history$;
    this.model = new ContractModel(instance, this.streams, { now: () => this.now, nextId: () => this.nextId() });
  }

  getState(): SoftphoneState {
    return this.streams.current;
  }

  // ---- test controls -------------------------------------------------------------------------------

  /** Replace fields of the state (a whole state replaces it all), or derive the next state from the current one. */
  setState(next: Partial<SoftphoneState> | ((current: SoftphoneState) => SoftphoneState)): void {
    const current = this.getState();
    this.streams.nextState(typeof next === 'function' ? next(current) : { ...current, ...next });
  }

  /** The next call of `method` rejects with `error` and does nothing else (several queue up in order). */
  failNext(method: AsyncCommandName, error: SoftphoneError): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), error]);
  }

  /** An incoming call rings (status `pending`); returns its sid. */
  receiveIncomingCall(from: string, sid = `CA${this.nextId()}`): string {
    this.model.receiveIncomingCall(from, sid);
    return sid;
  }

  /** The far end answers an outgoing call. */
  answerOutgoing(sid: string, twilioCallSid = `CA${this.nextId()}`): void {
    this.model.answerOutgoing(sid, twilioCallSid);
  }

  pushEvent(event: SoftphoneEvent): void {
    this.streams.nextEvent(event);
  }

  pushVolume(sample: CallVolume): void {
    this.streams.nextVolume(sample);
  }

  /** One microphone level sample (0..1), as the AudioHelper reports it. */
  pushMicLevel(level: number): void {
    this.streams.nextMicLevel(level);
  }

  /** Replaces the persisted call history (any order; it is read newest first). */
  setHistory(entries: readonly HistoryEntry[]): void {
    this.fakeHistory.set(entries);
  }

  /** Live subscriptions per stream: a leak check for whoever attaches to this service. */
  subscriberCounts(): SubscriberCounts {
    return this.streams.subscriberCounts();
  }

  /** Live subscriptions over all four streams. */
  get subscriberCount(): number {
    const counts = this.subscriberCounts();
    return counts.state + counts.volume + counts.micLevel + counts.events;
  }

  // ---- SoftphoneService ----------------------------------------------------------------------------

  async start(): Promise<void> {
    this.run('start', [], () => this.model.start());
  }

  async register(): Promise<void> {
    this.run('register', [], () => this.model.register());
  }

  async unregister(): Promise<void> {
    this.run('unregister', [], () => this.model.unregister());
  }

  async dial(to: string, params?: Record<string, string>): Promise<DialResult> {
    return this.run(
      'dial',
      [to, params],
      () => this.model.dial(to, params),
      () => ({ callSid: `TJSfake-${this.nextId()}` }),
    );
  }

  async hangup(callSid?: string): Promise<void> {
    this.run('hangup', [callSid], () => this.model.hangup(callSid));
  }

  async hangupAll(): Promise<void> {
    this.run('hangupAll', [], () => this.model.hangupAll());
  }

  async accept(callSid?: string): Promise<void> {
    this.run('accept', [callSid], () => this.model.accept(callSid));
  }

  async reject(callSid?: string): Promise<void> {
    this.run('reject', [callSid], () => this.model.reject(callSid));
  }

  async ignore(callSid?: string): Promise<void> {
    this.run('ignore', [callSid], () => this.model.ignore(callSid));
  }

  async mute(muted?: boolean, callSid?: string): Promise<{ muted: boolean }> {
    return this.run(
      'mute',
      [muted, callSid],
      () => this.model.mute(muted, callSid),
      () => ({ muted: muted ?? !this.callFor(callSid)?.muted }),
    );
  }

  async sendDigits(digits: string, callSid?: string): Promise<void> {
    this.run('sendDigits', [digits, callSid], () => this.model.sendDigits(digits, callSid));
  }

  async sendMessage(
    content: unknown,
    messageType = 'user-defined-message',
    callSid?: string,
  ): Promise<SendMessageResult> {
    const recorded = (): SendMessageResult => ({ voiceEventSid: `KX${this.nextId()}` });
    return this.run(
      'sendMessage',
      [content, messageType, callSid],
      () => this.model.sendMessage(content, messageType, callSid),
      recorded,
    );
  }

  async setInputDevice(deviceId: string): Promise<void> {
    this.run('setInputDevice', [deviceId], () => this.model.setInputDevice(deviceId));
  }

  async setOutputDevice(deviceIds: string[]): Promise<void> {
    this.run('setOutputDevice', [deviceIds], () => this.model.setOutputDevice(deviceIds));
  }

  async setRingtoneDevice(deviceIds: string[]): Promise<void> {
    this.run('setRingtoneDevice', [deviceIds], () => this.model.setRingtoneDevice(deviceIds));
  }

  async testSpeaker(): Promise<void> {
    this.run('testSpeaker', [], () => undefined);
  }

  async postFeedback(score: number, issue?: FeedbackIssue, callSid?: string): Promise<void> {
    this.run('postFeedback', [score, issue, callSid], () => this.model.postFeedback(score, issue, callSid));
  }

  async requestMicrophone(): Promise<void> {
    this.run('requestMicrophone', [], () => this.model.requestMicrophone());
  }

  async history(limit?: number): Promise<HistoryResult> {
    const read = () => this.fakeHistory.read(limit);
    return this.run('history', [limit], read, read);
  }

  async clearHistory(): Promise<void> {
    this.run('clearHistory', [], () => this.fakeHistory.clear());
  }

  async useThisTab(): Promise<void> {
    this.run('useThisTab', [], () => undefined);
  }

  clearError(): void {
    this.invocations.push({ method: 'clearError', args: [] });
    this.setState({ lastError: null });
  }

  destroy(): void {
    this.invocations.push({ method: 'destroy', args: [] });
    if (this.mode === 'contract') {
      if (this.getState().device.state === 'destroyed') return;
      this.model.destroy();
    }
    this.streams.complete();
    this.fakeHistory.complete();
  }

  // ---- internals -----------------------------------------------------------------------------------

  /**
   * Records the call, then rejects with a queued failure, or runs the command in the current mode. Synchronous on
   * purpose: the `async` command methods then settle exactly when the real service's immediate answers do.
   */
  private run(method: AsyncCommandName, args: unknown[], contract: () => void): void;
  private run<T>(method: AsyncCommandName, args: unknown[], contract: () => T, recorded: () => T): T;
  private run<T>(method: AsyncCommandName, args: unknown[], contract: () => T, recorded?: () => T): T | undefined {
    this.invocations.push({ method, args });
    const failure = this.failures.get(method)?.shift();
    if (failure) throw failure;
    if (this.mode === 'contract') return contract();
    return recorded?.();
  }

  private callFor(callSid: string | undefined) {
    const { calls, activeCallSid } = this.getState();
    const sid = callSid ?? activeCallSid;
    return calls.find((c) => c.sid === sid || c.twilioCallSid === sid);
  }

  private nextId(): string {
    this.sequence += 1;
    return this.sequence.toString().padStart(4, '0');
  }
}
