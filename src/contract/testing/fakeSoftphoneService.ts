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
 * Call waiting: with `callWaiting: true` (contract mode), `accept` of a ringing call while another call is connected
 * holds that call first, as the service does by default; without it such an accept is refused `busy` (the service
 * with `allowIncomingWhileBusy: false`). Call-control commands are modelled in callControlModel.ts.
 */
import type { HoldResult, MergeResult, TransferMode, TransferResult } from '../callControl';
import type { FeedbackIssue, HistoryEntry, HistoryResult, SoftphoneEvent, SoftphoneState } from '../schema';
import type { CallVolume, DialResult, SendMessageResult, SoftphoneService } from '../service';
import { CallControlModel } from './callControlModel';
import { ContractModel } from './contractModel';
import { FakeCommandRunner } from './fakeCommandRunner';
import { FakeHistory } from './fakeHistory';
import { FakeStreams, type SubscriberCounts } from './fakeStreams';
import { buildState, type SoftphoneStateOverrides } from './stateBuilder';

export { COMMAND_NAMES, type AsyncCommandName, type CommandName } from './commandNames';
export type { Invocation } from './fakeCommandRunner';

export interface FakeSoftphoneOptions {
  commands?: 'contract' | 'record';
  /** Accept of a waiting call holds the connected one (default false: refused `busy`). */
  callWaiting?: boolean;
}

export class FakeSoftphoneService extends FakeCommandRunner implements SoftphoneService {
  readonly state$;
  readonly events$;
  readonly volume$;
  readonly micLevel$;
  readonly history$;

  private readonly streams: FakeStreams;
  private readonly model: ContractModel;
  private readonly callControl: CallControlModel;
  private readonly callWaiting: boolean;
  private readonly fakeHistory = new FakeHistory();

  /** `initial` overrides buildState()'s registered phone; the device identity defaults to `instance`. */
  constructor(
    readonly instance: string = 'alice',
    initial: SoftphoneStateOverrides = {},
    options: FakeSoftphoneOptions = {},
  ) {
    super(options.commands ?? 'contract');
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
    const clock = { now: () => this.now, nextId: () => this.nextId() };
    this.model = new ContractModel(instance, this.streams, clock);
    this.callControl = new CallControlModel(instance, this.streams, clock);
    this.callWaiting = options.callWaiting ?? false;
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
    this.run('hangup', [callSid], () => {
      this.model.hangup(callSid);
      this.callControl.settleActive();
    });
  }

  async hangupAll(): Promise<void> {
    this.run('hangupAll', [], () => this.model.hangupAll());
  }

  async accept(callSid?: string): Promise<void> {
    this.run('accept', [callSid], () =>
      this.callWaiting ? this.callControl.acceptWaiting(callSid) : this.model.accept(callSid),
    );
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

  async hold(held?: boolean, callSid?: string): Promise<HoldResult> {
    return this.run(
      'hold',
      [held, callSid],
      () => this.callControl.hold(held, callSid),
      () => ({ held: held ?? !this.callFor(callSid)?.held }),
    );
  }

  async transfer(to: string, callSid?: string, mode?: TransferMode): Promise<TransferResult> {
    return this.run(
      'transfer',
      [to, callSid, mode],
      () => this.callControl.transfer(to, callSid, mode),
      () => (mode === 'warm' ? { consultCallSid: `CA${this.nextId()}` } : {}),
    );
  }

  async completeTransfer(callSid?: string): Promise<void> {
    this.run('completeTransfer', [callSid], () => this.callControl.completeTransfer(callSid));
  }

  async merge(): Promise<MergeResult> {
    return this.run(
      'merge',
      [],
      () => this.callControl.merge(),
      () => ({ conferenceSid: `CF${this.nextId()}` }),
    );
  }

  async switchCall(callSid: string): Promise<void> {
    this.run('switchCall', [callSid], () => this.callControl.switchCall(callSid));
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

  private callFor(callSid: string | undefined) {
    const { calls, activeCallSid } = this.getState();
    const sid = callSid ?? activeCallSid;
    return calls.find((c) => c.sid === sid || c.twilioCallSid === sid);
  }
}
