/**
 * A follower tab's phone: implements SoftphoneCore on the leader tab's mirrored state, events and levels, and
 * forwards every method call to the leader, which answers each with one result. It owns no Device, no audio
 * and no `beforeunload` handler, so reloading or closing a follower never touches a call.
 */
import { BehaviorSubject, Subject, type Observable } from 'rxjs';
import type { HoldResult, MergeResult, TransferMode, TransferResult } from '../contract/callControl';
import type { FeedbackIssue } from '../contract/feedback';
import { initialSoftphoneState } from '../contract/initialState';
import type { DialResult, MuteResult, SendMessageResult } from '../contract/results';
import type { SoftphoneEvent } from '../contract/schemaEvent';
import type { SoftphoneState } from '../contract/schemaState';
import { SoftphoneError, type CallVolume, type SoftphoneCore } from '../contract/service';
import type { ForwardedMethod } from './forwardedMethods';
import type { TabChannel, TabMessage } from './protocol';

/** A forwarded call the leader does not answer in this time (it closed mid-call) rejects with `timeout`. */
export const FORWARD_TIMEOUT_MS = 20_000;

interface Pending {
  resolve(value: unknown): void;
  reject(error: SoftphoneError): void;
  timer: ReturnType<typeof setTimeout>;
}

export class RemoteSoftphone implements SoftphoneCore {
  private readonly state: BehaviorSubject<SoftphoneState>;
  private readonly events = new Subject<SoftphoneEvent>();
  private readonly volume = new Subject<CallVolume>();
  private readonly micLevel = new Subject<number>();
  private readonly pending = new Map<string, Pending>();
  private readonly stopListening: () => void;
  private sequence = 0;
  private destroyed = false;

  readonly state$: Observable<SoftphoneState>;
  readonly events$: Observable<SoftphoneEvent> = this.events.asObservable();
  readonly volume$: Observable<CallVolume> = this.volume.asObservable();
  /** The level is measured where the microphone is open: in the leader tab. */
  readonly micLevel$: Observable<number> = this.micLevel.asObservable();

  constructor(
    readonly instance: string,
    private readonly channel: TabChannel,
  ) {
    this.state = new BehaviorSubject<SoftphoneState>(initialSoftphoneState(instance));
    this.state$ = this.state.asObservable();
    this.stopListening = channel.listen((message) => this.receive(message));
    channel.post({ kind: 'state-request' });
  }

  getState(): SoftphoneState {
    return this.state.getValue();
  }

  async start(): Promise<void> {
    this.channel.post({ kind: 'state-request' });
  }

  register = (): Promise<void> => this.forward('register', []);
  unregister = (): Promise<void> => this.forward('unregister', []);
  dial = (to: string, params?: Record<string, string>): Promise<DialResult> => this.forward('dial', [to, params]);
  hangup = (callSid?: string): Promise<void> => this.forward('hangup', [callSid]);
  hangupAll = (): Promise<void> => this.forward('hangupAll', []);
  accept = (callSid?: string): Promise<void> => this.forward('accept', [callSid]);
  reject = (callSid?: string): Promise<void> => this.forward('reject', [callSid]);
  ignore = (callSid?: string): Promise<void> => this.forward('ignore', [callSid]);
  mute = (muted?: boolean, callSid?: string): Promise<MuteResult> => this.forward('mute', [muted, callSid]);
  sendDigits = (digits: string, callSid?: string): Promise<void> => this.forward('sendDigits', [digits, callSid]);
  sendMessage = (content: unknown, messageType?: string, callSid?: string): Promise<SendMessageResult> =>
    this.forward('sendMessage', [content, messageType, callSid]);
  setInputDevice = (deviceId: string): Promise<void> => this.forward('setInputDevice', [deviceId]);
  setOutputDevice = (deviceIds: string[]): Promise<void> => this.forward('setOutputDevice', [deviceIds]);
  setRingtoneDevice = (deviceIds: string[]): Promise<void> => this.forward('setRingtoneDevice', [deviceIds]);
  testSpeaker = (): Promise<void> => this.forward('testSpeaker', []);
  postFeedback = (score: number, issue?: FeedbackIssue, callSid?: string): Promise<void> =>
    this.forward('postFeedback', [score, issue, callSid]);
  requestMicrophone = (): Promise<void> => this.forward('requestMicrophone', []);
  hold = (held?: boolean, callSid?: string): Promise<HoldResult> => this.forward('hold', [held, callSid]);
  transfer = (to: string, callSid?: string, mode?: TransferMode): Promise<TransferResult> =>
    this.forward('transfer', [to, callSid, mode]);
  completeTransfer = (callSid?: string): Promise<void> => this.forward('completeTransfer', [callSid]);
  merge = (): Promise<MergeResult> => this.forward('merge', []);
  switchCall = (callSid: string): Promise<void> => this.forward('switchCall', [callSid]);

  clearError(): void {
    this.forward('clearError', []).catch(() => undefined);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.stopListening();
    for (const [id, call] of this.pending) {
      clearTimeout(call.timer);
      call.reject(new SoftphoneError('not_ready', 'This tab stopped forwarding to the leader tab.'));
      this.pending.delete(id);
    }
    this.state.complete();
    this.events.complete();
    this.volume.complete();
    this.micLevel.complete();
  }

  private forward<T>(method: ForwardedMethod, args: unknown[]): Promise<T> {
    if (this.destroyed) return Promise.reject(new SoftphoneError('not_ready', 'This softphone was destroyed.'));
    this.sequence += 1;
    const id = `${this.channel.session}:${this.sequence}`;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new SoftphoneError('timeout', 'The tab that owns the phone did not answer in time.'));
      }, FORWARD_TIMEOUT_MS);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      this.channel.post({ kind: 'call', id, method, args });
    });
  }

  private receive(message: TabMessage): void {
    if (this.destroyed) return;
    switch (message.kind) {
      case 'state':
        if (message.state.instance === this.instance) this.state.next(message.state);
        return;
      case 'event':
        if (message.event.instance === this.instance) this.events.next(message.event);
        return;
      case 'volume':
        this.volume.next(message.volume);
        return;
      case 'result':
        if (message.to === this.channel.session) this.settle(message);
        return;
      default:
        return;
    }
  }

  private settle(message: Extract<TabMessage, { kind: 'result' }>): void {
    const call = this.pending.get(message.id);
    if (!call) return;
    this.pending.delete(message.id);
    clearTimeout(call.timer);
    if (message.ok) call.resolve(message.value);
    else {
      const error = message.error ?? { code: 'internal_error' as const, message: 'The leader tab failed.' };
      call.reject(new SoftphoneError(error.code, error.message, error.twilioCode));
    }
  }
}
