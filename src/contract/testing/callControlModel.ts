/**
 * What the fake service's call-control commands do in `contract` mode (hold, transfer, completeTransfer, merge,
 * switchCall, and accepting a waiting call): the service's contract on the fake's state, with the same checks and
 * error codes as the real service and no server. A refused command changes nothing. Synchronous, like ContractModel.
 */
import {
  BUS_VERSION,
  TRANSFER_MODES,
  type CallControlEventName,
  type CallState,
  type HoldResult,
  type MergeResult,
  type SoftphoneState,
  type TransferMode,
  type TransferResult,
} from '../schema';
import { SoftphoneError } from '../service';
import { parseDialTarget } from '../validation';
import type { FakeClock } from './contractModel';
import type { FakeStreams } from './fakeStreams';
import { buildCall } from './stateBuilder';

const isOpen = (call: CallState): boolean => call.status === 'open' || call.status === 'reconnecting';
const isLive = (call: CallState): boolean => call.status !== 'pending' && call.status !== 'closed';

/** The call commands without a callSid act on: the live call we talk on, else the newest held one. */
export function pickActiveCall(calls: readonly CallState[]): CallState | undefined {
  const newestFirst = [...calls].reverse();
  return newestFirst.find((c) => isLive(c) && !c.held) ?? newestFirst.find((c) => isLive(c));
}

export class CallControlModel {
  /** Mute before each hold, restored on resume (the service mutes the SDK call while held). */
  private readonly mutedBeforeHold = new Map<string, boolean>();

  constructor(
    private readonly instance: string,
    private readonly streams: FakeStreams,
    private readonly clock: FakeClock,
  ) {}

  hold(held: boolean | undefined, callSid: string | undefined): HoldResult {
    if (held !== undefined && typeof held !== 'boolean') throw new SoftphoneError('invalid_argument', 'held: boolean.');
    const call = this.requireOpen(callSid);
    const next = held ?? !call.held;
    if (next === call.held) return { held: next };
    if (!next && this.liveUnheld(call.sid))
      throw new SoftphoneError('wrong_state', 'Another call is live: switch to this one with switchCall.');
    this.setHeld(call, next);
    return { held: next };
  }

  transfer(to: string, callSid: string | undefined, mode: TransferMode = 'blind'): TransferResult {
    const target = parseDialTarget(typeof to === 'string' ? to : '');
    if (!target.ok) throw new SoftphoneError('invalid_number', target.reason);
    if (!TRANSFER_MODES.includes(mode)) throw new SoftphoneError('invalid_argument', 'mode: blind or warm.');
    const call = this.requireOpen(callSid);
    if (call.consultFor !== null)
      throw new SoftphoneError('wrong_state', 'This is a consult call: complete the transfer or hang up.');
    if (mode === 'blind') {
      this.emit('transfer', call.sid, { to: target.target.to, mode });
      this.close([call.sid], 'transferred');
      return {};
    }
    if (this.calls.some((c) => c.consultFor !== null && c.status !== 'closed'))
      throw new SoftphoneError('wrong_state', 'A consult call is already in progress.');
    if (!call.held) this.setHeld(call, true);
    const consult = buildCall({
      sid: `CA${this.clock.nextId()}`,
      direction: 'outgoing',
      from: `client:${this.instance}`,
      to: target.target.to,
      startedAt: this.clock.now(),
      answeredAt: this.clock.now(),
      consultFor: call.sid,
    });
    consult.twilioCallSid = consult.sid;
    this.setCalls([...this.calls, consult]);
    this.emit('transfer', call.sid, { to: target.target.to, mode });
    this.emit('consult', consult.sid, { consultFor: call.sid });
    return { consultCallSid: consult.sid };
  }

  completeTransfer(callSid: string | undefined): void {
    const consult = this.requireOpen(callSid);
    const original = consult.consultFor === null ? undefined : this.find(consult.consultFor);
    if (!original || original.status === 'closed')
      throw new SoftphoneError('wrong_state', 'This call is not the consult call of a warm transfer.');
    this.emit('completeTransfer', consult.sid, {});
    this.close([original.sid, consult.sid], 'transferred');
  }

  merge(): MergeResult {
    const active = this.liveUnheld();
    if (!active) {
      if (!this.calls.some(isLive)) throw new SoftphoneError('no_active_call', 'There is no call to merge.');
      throw new SoftphoneError('wrong_state', 'Resume one call first: a merge joins a held call to the live one.');
    }
    // After a warm transfer the consult's own held call is the one to join; otherwise the newest held call.
    const consulted = active.consultFor === null ? undefined : this.find(active.consultFor);
    const held = consulted?.held ? consulted : [...this.calls].reverse().find((c) => c.held && isOpen(c));
    if (!held || !isOpen(active))
      throw new SoftphoneError('wrong_state', 'A merge needs a connected call and a held one.');
    const conferenceSid = `CF${this.clock.nextId()}`;
    this.patch(active.sid, { conferenceSid, consultFor: null });
    this.close([held.sid], 'merged');
    this.emit('merge', active.sid, { conferenceSid });
    return { conferenceSid };
  }

  switchCall(callSid: string): void {
    if (typeof callSid !== 'string') throw new SoftphoneError('invalid_argument', 'switchCall needs a callSid.');
    const target = this.requireOpen(callSid);
    if (!target.held) throw new SoftphoneError('wrong_state', 'That call is already the live one.');
    const live = this.liveUnheld();
    if (live && !isOpen(live)) throw new SoftphoneError('wrong_state', 'The live call is not connected yet.');
    if (live) this.setHeld(live, true);
    this.setHeld(this.find(target.sid) ?? target, false);
    this.emit('switchCall', target.sid, { from: live?.sid ?? null });
  }

  /** Call waiting: accept a ringing call while another is live, holding that one first. */
  acceptWaiting(callSid: string | undefined): void {
    const calls = this.calls;
    const call =
      callSid === undefined
        ? [...calls].reverse().find((c) => c.direction === 'incoming' && c.status === 'pending')
        : this.find(callSid);
    if (!call) throw new SoftphoneError('no_active_call', 'There is no ringing call.');
    if (call.direction !== 'incoming' || call.status !== 'pending')
      throw new SoftphoneError('wrong_state', 'The call is not ringing.');
    const live = this.liveUnheld(call.sid);
    if (live && !isOpen(live)) throw new SoftphoneError('busy', 'The current call is not connected yet.');
    if (live) this.setHeld(live, true);
    this.patch(call.sid, { status: 'open', answeredAt: this.clock.now() });
    this.streams.nextEvent({ ...this.envelope(call.sid), source: 'call', name: 'accept', data: null });
  }

  /** After a call ended: the active call is the live one we talk on, else the newest held one. */
  settleActive(): void {
    this.setCalls(this.calls);
  }

  // ---- internals -----------------------------------------------------------------------------------

  private get state(): SoftphoneState {
    return this.streams.current;
  }

  private get calls(): readonly CallState[] {
    return this.state.calls;
  }

  private find(callSid: string): CallState | undefined {
    return this.calls.find((c) => c.sid === callSid || c.twilioCallSid === callSid);
  }

  private liveUnheld(exceptSid?: string): CallState | undefined {
    return [...this.calls].reverse().find((c) => c.sid !== exceptSid && isLive(c) && !c.held);
  }

  private requireOpen(callSid: string | undefined): CallState {
    const call = callSid === undefined ? pickActiveCall(this.calls) : this.find(callSid);
    if (!call)
      throw new SoftphoneError(
        'no_active_call',
        callSid === undefined ? 'There is no call.' : 'No call has that callSid.',
      );
    if (!isOpen(call)) throw new SoftphoneError('wrong_state', `The call is ${call.status}, not connected.`);
    return call;
  }

  private setHeld(call: CallState, held: boolean): void {
    if (held) this.mutedBeforeHold.set(call.sid, call.muted);
    const muted = held ? true : (this.mutedBeforeHold.get(call.sid) ?? false);
    this.patch(call.sid, { held, heldAt: held ? this.clock.now() : null, muted });
    this.emit(held ? 'hold' : 'resume', call.sid, { held });
  }

  private patch(sid: string, patch: Partial<CallState>): void {
    this.setCalls(this.calls.map((c) => (c.sid === sid ? { ...c, ...patch } : c)));
  }

  private close(sids: readonly string[], endReason: string): void {
    const now = this.clock.now();
    const ended = (c: CallState): CallState => ({ ...c, status: 'closed', endedAt: now, endReason, held: false });
    this.setCalls(this.calls.map((c) => (sids.includes(c.sid) ? ended(c) : c)));
    for (const sid of sids)
      this.streams.nextEvent({ ...this.envelope(sid), source: 'call', name: 'disconnect', data: null });
  }

  private setCalls(calls: readonly CallState[]): void {
    const active = pickActiveCall(calls)?.sid ?? null;
    const current = this.state;
    this.streams.nextState({
      ...current,
      calls: [...calls],
      activeCallSid: active,
      device: { ...current.device, isBusy: active !== null },
    });
  }

  private envelope(callSid: string) {
    return { v: BUS_VERSION, instance: this.instance, at: this.clock.now(), callSid };
  }

  private emit(name: CallControlEventName, callSid: string, data: unknown): void {
    this.streams.nextEvent({ ...this.envelope(callSid), source: 'callControl', name, data });
  }
}
