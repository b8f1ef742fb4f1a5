/**
 * What the fake service's commands do in `contract` mode: the service's contract, not the SDK. Commands validate
 * like the real service (parseDialTarget, validateDigits, call lookup by `sid` or `twilioCallSid`, status checks),
 * change the state and emit events, and throw the same SoftphoneError codes. Everything here is synchronous, so a
 * command of the fake resolves in the same microtask as an `async` method that returns at once.
 */
import {
  BUS_VERSION,
  FEEDBACK_ISSUES,
  MAX_MESSAGE_BYTES,
  type CallEventName,
  type CallState,
  type DeviceEventName,
  type FeedbackIssue,
  type SoftphoneState,
} from '../schema';
import { SoftphoneError, type DialResult, type SendMessageResult } from '../service';
import { parseDialTarget, validateDigits } from '../validation';
import type { FakeStreams } from './fakeStreams';
import { buildCall } from './stateBuilder';

/** The fake's clock and id source, shared by both command modes. */
export interface FakeClock {
  now(): number;
  nextId(): string;
}

export class ContractModel {
  constructor(
    private readonly instance: string,
    private readonly streams: FakeStreams,
    private readonly clock: FakeClock,
  ) {}

  // ---- the far end and the network (test controls) ------------------------------------------------

  /** An incoming call rings (status `pending`, as the SDK reports incoming calls before accept). */
  receiveIncomingCall(from: string, sid: string): void {
    this.updateCalls((calls) => [
      ...calls,
      this.newCall({
        sid,
        twilioCallSid: sid,
        direction: 'incoming',
        status: 'pending',
        from,
        to: `client:${this.instance}`,
      }),
    ]);
    this.emit('device', 'incoming', sid, { from });
  }

  /** The far end answers an outgoing call. */
  answerOutgoing(sid: string, twilioCallSid: string): void {
    this.patchCall(sid, { status: 'open', twilioCallSid, answeredAt: this.clock.now() });
    this.emit('call', 'accept', sid, null);
  }

  // ---- commands ------------------------------------------------------------------------------------

  start(): void {
    if (this.state.device.state === 'initializing') this.setDevice('registered');
  }

  register(): void {
    const { state } = this.state.device;
    if (state === 'initializing' || state === 'unsupported' || state === 'destroyed')
      throw new SoftphoneError('not_ready', `The device is ${state}.`);
    if (state === 'registered') return;
    this.setDevice('registered');
    this.emit('device', 'registered', undefined, null);
  }

  unregister(): void {
    if (this.state.device.state !== 'registered') return;
    this.setDevice('unregistered');
    this.emit('device', 'unregistered', undefined, null);
  }

  dial(to: string, params: Record<string, string> | undefined): DialResult {
    const target = parseDialTarget(to);
    if (!target.ok) throw new SoftphoneError('invalid_number', target.reason);
    if (this.state.device.state !== 'registered')
      throw new SoftphoneError('not_ready', 'The device is not registered.');
    if (this.state.activeCallSid !== null) throw new SoftphoneError('busy', 'Already in a call.');
    const sid = `TJSfake-${this.clock.nextId()}`;
    const call = this.newCall({
      sid,
      direction: 'outgoing',
      status: 'connecting',
      from: this.instance,
      to: target.target.to,
      customParameters: { ...params },
    });
    this.updateCalls((calls) => [...calls, call], sid);
    return { callSid: sid };
  }

  hangup(callSid: string | undefined): void {
    const call = this.requireCall(callSid, () => this.activeCall());
    if (call.status === 'closed') throw new SoftphoneError('wrong_state', 'The call has already ended.');
    this.close(call.sid, 'local-hangup', 'disconnect');
  }

  hangupAll(): void {
    for (const call of this.state.calls)
      if (call.status !== 'closed') this.close(call.sid, 'local-hangup', 'disconnect');
  }

  accept(callSid: string | undefined): void {
    const call = this.requirePendingIncoming(callSid);
    if (this.state.activeCallSid !== null) throw new SoftphoneError('busy', 'Hang up the current call first.');
    this.patchCall(call.sid, { status: 'open', answeredAt: this.clock.now() }, call.sid);
    this.emit('call', 'accept', call.sid, null);
  }

  reject(callSid: string | undefined): void {
    this.close(this.requirePendingIncoming(callSid).sid, 'rejected', 'reject');
  }

  ignore(callSid: string | undefined): void {
    this.close(this.requirePendingIncoming(callSid).sid, 'ignored', null);
  }

  mute(muted: boolean | undefined, callSid: string | undefined): { muted: boolean } {
    const call = this.requireOpenCall(callSid);
    const next = muted ?? !call.muted;
    this.patchCall(call.sid, { muted: next });
    this.emit('call', 'mute', call.sid, { muted: next });
    return { muted: next };
  }

  sendDigits(digits: string, callSid: string | undefined): void {
    const valid = validateDigits(digits);
    if (!valid.ok) throw new SoftphoneError('invalid_digits', valid.reason);
    this.requireOpenCall(callSid);
  }

  sendMessage(content: unknown, messageType: string, callSid: string | undefined): SendMessageResult {
    if (content === undefined || content === null)
      throw new SoftphoneError('invalid_argument', 'A message needs content.');
    if (JSON.stringify(content).length > MAX_MESSAGE_BYTES)
      throw new SoftphoneError('invalid_argument', 'The message is too large.');
    const call = this.requireOpenCall(callSid);
    const voiceEventSid = `KX${this.clock.nextId()}`;
    this.patchCall(call.sid, {
      messages: [...call.messages, { direction: 'sent', content, messageType, voiceEventSid, at: this.clock.now() }],
    });
    this.emit('call', 'messageSent', call.sid, { voiceEventSid });
    return { voiceEventSid };
  }

  setInputDevice(deviceId: string): void {
    const { audio } = this.state;
    if (!audio.inputs.some((d) => d.deviceId === deviceId))
      throw new SoftphoneError('invalid_argument', 'No such microphone.');
    this.patch({ audio: { ...audio, selectedInput: deviceId } });
  }

  setOutputDevice(deviceIds: string[]): void {
    this.patch({ audio: { ...this.state.audio, selectedOutputs: this.checkOutputs(deviceIds) } });
  }

  setRingtoneDevice(deviceIds: string[]): void {
    this.patch({ audio: { ...this.state.audio, selectedRingtoneOutputs: this.checkOutputs(deviceIds) } });
  }

  postFeedback(score: number, issue: FeedbackIssue | undefined, callSid: string | undefined): void {
    if (!Number.isInteger(score) || score < 1 || score > 5)
      throw new SoftphoneError('invalid_argument', 'The score must be 1 to 5.');
    if (issue !== undefined && !FEEDBACK_ISSUES.includes(issue))
      throw new SoftphoneError('invalid_argument', 'Unknown feedback issue.');
    const calls = this.state.calls;
    const call = this.requireCall(callSid, () => calls[calls.length - 1]);
    this.patchCall(call.sid, { feedbackSent: true });
  }

  requestMicrophone(): void {
    this.patch({ microphone: { permission: 'granted' } });
  }

  /** Ends every call and marks the device destroyed; the caller completes the streams. */
  destroy(): void {
    const now = this.clock.now();
    this.patch({
      calls: this.state.calls.map((c) =>
        c.status === 'closed' ? c : { ...c, status: 'closed', endedAt: now, endReason: 'local-hangup' },
      ),
      activeCallSid: null,
    });
    this.setDevice('destroyed');
  }

  // ---- internals -----------------------------------------------------------------------------------

  private get state(): SoftphoneState {
    return this.streams.current;
  }

  private patch(patch: Partial<SoftphoneState>): void {
    this.streams.nextState({ ...this.state, ...patch });
  }

  private newCall(
    fields: Pick<CallState, 'sid' | 'direction' | 'status' | 'from' | 'to'> & Partial<CallState>,
  ): CallState {
    return buildCall({ twilioCallSid: null, codec: null, startedAt: this.clock.now(), answeredAt: null, ...fields });
  }

  private setDevice(state: SoftphoneState['device']['state']): void {
    this.patch({ device: { ...this.state.device, state } });
  }

  private updateCalls(update: (calls: CallState[]) => CallState[], activeCallSid?: string | null): void {
    const current = this.state;
    const active = activeCallSid === undefined ? current.activeCallSid : activeCallSid;
    this.patch({
      calls: update(current.calls),
      activeCallSid: active,
      device: { ...current.device, isBusy: active !== null },
    });
  }

  private patchCall(sid: string, patch: Partial<CallState>, activeCallSid?: string | null): void {
    this.updateCalls((calls) => calls.map((c) => (c.sid === sid ? { ...c, ...patch } : c)), activeCallSid);
  }

  private close(sid: string, endReason: string, event: CallEventName | null): void {
    const active = this.state.activeCallSid === sid ? null : undefined;
    this.patchCall(sid, { status: 'closed', endedAt: this.clock.now(), endReason }, active);
    if (event) this.emit('call', event, sid, null);
  }

  private activeCall(): CallState | undefined {
    const { calls, activeCallSid } = this.state;
    return calls.find((c) => c.sid === activeCallSid);
  }

  private requireCall(callSid: string | undefined, fallback: () => CallState | undefined): CallState {
    const call =
      callSid === undefined
        ? fallback()
        : this.state.calls.find((c) => c.sid === callSid || c.twilioCallSid === callSid);
    if (!call)
      throw new SoftphoneError(
        'no_active_call',
        callSid === undefined ? 'There is no call.' : 'No call has that callSid.',
      );
    return call;
  }

  private requirePendingIncoming(callSid: string | undefined): CallState {
    const call = this.requireCall(callSid, () =>
      this.state.calls.find((c) => c.direction === 'incoming' && c.status === 'pending'),
    );
    if (call.direction !== 'incoming' || call.status !== 'pending')
      throw new SoftphoneError('wrong_state', 'The call is not ringing.');
    return call;
  }

  private requireOpenCall(callSid: string | undefined): CallState {
    const call = this.requireCall(callSid, () => this.activeCall());
    if (call.status !== 'open') throw new SoftphoneError('wrong_state', 'The call is not connected.');
    return call;
  }

  private checkOutputs(deviceIds: string[]): string[] {
    const { audio } = this.state;
    if (!audio.outputSelectionSupported)
      throw new SoftphoneError('unsupported', 'This browser cannot choose speakers.');
    if (deviceIds.length === 0 || !deviceIds.every((id) => audio.outputs.some((d) => d.deviceId === id)))
      throw new SoftphoneError('invalid_argument', 'No such speaker.');
    return [...deviceIds];
  }

  private emit(source: 'device', name: DeviceEventName, callSid: string | undefined, data: unknown): void;
  private emit(source: 'call', name: CallEventName, callSid: string | undefined, data: unknown): void;
  private emit(
    source: 'device' | 'call',
    name: DeviceEventName | CallEventName,
    callSid: string | undefined,
    data: unknown,
  ): void {
    const base = {
      v: BUS_VERSION,
      instance: this.instance,
      at: this.clock.now(),
      data,
      ...(callSid === undefined ? {} : { callSid }),
    };
    this.streams.nextEvent(
      source === 'device'
        ? { ...base, source, name: name as DeviceEventName }
        : { ...base, source, name: name as CallEventName },
    );
  }
}
