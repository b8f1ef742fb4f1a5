/**
 * The call-control commands of the service (design.md §4): hold, switchCall, transfer (blind / warm),
 * completeTransfer, merge, plus the held-line steps of accept and hangup. Each checks its arguments and the calls'
 * states first (a refused command changes nothing), then asks the server's call-control route, whose far-party
 * legs it holds, parks and bridges (see lineOperations.ts). One command runs at a time: each acts on the state the
 * previous one left.
 */
import {
  TRANSFER_MODES,
  type HoldResult,
  type MergeResult,
  type TransferMode,
  type TransferResult,
  type EmptyResult,
} from '../contract/callControl';
import { findCallBySid } from '../contract/calls';
import type { CallState } from '../contract/schema';
import { SoftphoneError } from '../contract/service';
import { checkDialTarget } from '../contract/phoneNumbers';
import type { CallControlClient } from './callControlClient';
import { findLive, findLiveUnheld } from './callSelectors';
import { isLive } from './callState';
import type { CallTracker } from './callTracker';
import type { ServiceLifetime } from './lifetime';
import { lineOf, type LineOperations } from './lineOperations';

export interface CallControlDeps {
  calls: CallTracker;
  client: CallControlClient;
  lines: LineOperations;
  lifetime: ServiceLifetime;
}

export class CallControl {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: CallControlDeps) {}

  async hold(held?: boolean, callSid?: string): Promise<HoldResult> {
    this.deps.lifetime.assertAlive();
    if (held !== undefined && typeof held !== 'boolean')
      throw new SoftphoneError('invalid_argument', 'held must be true or false.');
    return this.serial(async () => {
      const { lines, client } = this.deps;
      const call = this.requireOpen(callSid);
      const next = held ?? !call.held;
      if (next === call.held) return { held: next };
      client.requireAvailable();
      if (!next && findLiveUnheld(this.list(), call.sid))
        throw new SoftphoneError('wrong_state', 'Another call is live: switch to this one with switchCall.');
      if (!next && lines.isParked(call)) await lines.retrieve(call);
      else await lines.setHeld(call, next);
      return { held: next };
    });
  }

  async switchCall(callSid: string): Promise<EmptyResult> {
    this.deps.lifetime.assertAlive();
    if (typeof callSid !== 'string') throw new SoftphoneError('invalid_argument', 'switchCall needs a callSid.');
    return this.serial(async () => {
      const { lines, client } = this.deps;
      const target = this.requireOpen(callSid);
      if (!target.held) throw new SoftphoneError('wrong_state', 'That call is already the live one.');
      const live = findLiveUnheld(this.list(), target.sid);
      if (live && live.status !== 'open') throw new SoftphoneError('wrong_state', 'The live call is not connected.');
      client.requireAvailable();
      if (live) {
        await lines.setHeld(live, true);
        lines.allowParking(live);
      }
      try {
        if (lines.isParked(target)) await lines.retrieve(target);
        else await lines.setHeld(target, false);
      } catch (error) {
        if (live) await this.resumeAfterFailure(live);
        throw error;
      }
      lines.emit('switchCall', target.sid, { from: live?.sid ?? null });
      return {};
    });
  }

  async transfer(to: string, callSid?: string, mode: TransferMode = 'blind'): Promise<TransferResult> {
    this.deps.lifetime.assertAlive();
    const parsed = await checkDialTarget(typeof to === 'string' ? to : '');
    if (!parsed.ok) throw new SoftphoneError('invalid_number', parsed.reason);
    if (!TRANSFER_MODES.includes(mode)) throw new SoftphoneError('invalid_argument', 'mode is blind or warm.');
    const target = parsed.target.to;
    return this.serial(async () => {
      const call = this.requireOpen(callSid);
      if (call.consultFor !== null)
        throw new SoftphoneError('wrong_state', 'This is a consult call: complete the transfer or hang it up.');
      if (mode === 'warm' && this.list().some((c) => c.consultFor !== null && c.status !== 'closed'))
        throw new SoftphoneError('wrong_state', 'A consult call is in progress already.');
      this.deps.client.requireAvailable();
      return mode === 'blind' ? this.blindTransfer(call, target) : this.warmTransfer(call, target);
    });
  }

  async completeTransfer(callSid?: string): Promise<EmptyResult> {
    this.deps.lifetime.assertAlive();
    return this.serial(async () => {
      const { calls, client, lines } = this.deps;
      const consult = this.requireOpen(callSid);
      const original = consult.consultFor === null ? undefined : calls.state(consult.consultFor);
      if (!original || original.status === 'closed')
        throw new SoftphoneError('wrong_state', 'This call is not the consult call of a warm transfer.');
      client.requireAvailable();
      await this.endingAs([consult, original], 'transferred', () =>
        client.request('completeTransfer', { callSid: lineOf(consult) }),
      );
      lines.emit('completeTransfer', consult.sid, {});
      return {};
    });
  }

  async merge(): Promise<MergeResult> {
    this.deps.lifetime.assertAlive();
    return this.serial(async () => {
      const { calls, client, lines } = this.deps;
      const list = this.list();
      const active = findLiveUnheld(list);
      if (!active && !list.some((c) => isLive(c.status)))
        throw new SoftphoneError('no_active_call', 'There is no call to merge.');
      const consulted = active?.consultFor ? calls.state(active.consultFor) : undefined;
      const held =
        consulted?.held && consulted.status === 'open'
          ? consulted
          : [...list].reverse().find((c) => c.sid !== active?.sid && c.held && c.status === 'open');
      if (!active || active.status !== 'open' || !held)
        throw new SoftphoneError('wrong_state', 'A merge needs a connected call and a held one.');
      client.requireAvailable();
      const { conferenceSid } = await this.endingAs([held], 'merged', () =>
        client.request('merge', { heldCallSid: lineOf(held), activeCallSid: lineOf(active) }),
      );
      calls.update(active.sid, (c) => ({ ...c, conferenceSid, consultFor: null }));
      lines.emit('merge', active.sid, { conferenceSid });
      return { conferenceSid };
    });
  }

  /** Call waiting's accept: the live line is held first, so accepting the waiting call parks it. */
  prepareAccept(waitingSid: string): Promise<{ undo(): Promise<void> }> {
    return this.serial(() => this.deps.lines.prepareAccept(waitingSid));
  }

  /** The call `hangup` would end, when it needs the server: a held or parked line. */
  heldLineFor(callSid: string | undefined): CallState | undefined {
    const call = callSid === undefined ? findLive(this.list()) : findCallBySid(this.list(), callSid);
    return call && call.status === 'open' && (call.held || this.deps.lines.isParked(call)) ? call : undefined;
  }

  hangupLine(call: CallState): Promise<void> {
    this.deps.client.requireAvailable();
    return this.serial(() => this.deps.lines.hangupLine(call));
  }

  /** hangupAll: every held or parked line ends on the server too (best effort: the SDK ends the rest). */
  async hangupHeldLines(): Promise<void> {
    if (!this.deps.client.available) return;
    const held = this.list().filter((c) => c.status === 'open' && (c.held || this.deps.lines.isParked(c)));
    await Promise.all(held.map((call) => this.hangupLine(call).catch(() => undefined)));
  }

  /** Runs `run` between two commands (the line watch's look-up must not see a line mid-change). */
  exclusive<T>(run: () => Promise<T>): Promise<T> {
    return this.serial(run);
  }

  // ---- internals -----------------------------------------------------------------------------------

  private async blindTransfer(call: CallState, to: string): Promise<TransferResult> {
    await this.endingAs([call], 'transferred', () =>
      this.deps.client.request('transfer', { callSid: lineOf(call), to, mode: 'blind' }),
    );
    this.deps.lines.emit('transfer', call.sid, { to, mode: 'blind' });
    return {};
  }

  private async warmTransfer(call: CallState, to: string): Promise<TransferResult> {
    const { client, lines } = this.deps;
    const consult = lines.expectConsult(call, to);
    // Accepting the consult leg makes the SDK hang up this one: the server keeps its far party held (parked).
    lines.allowParking(call);
    let reply: TransferResult;
    try {
      reply = await client.request('transfer', { callSid: lineOf(call), to, mode: 'warm' });
    } catch (error) {
      consult.cancel();
      consult.done.catch(() => undefined);
      lines.forbidParking(call);
      throw error;
    }
    lines.emit('transfer', call.sid, { to, mode: 'warm' });
    await consult.done;
    const consultCallSid = consult.sid() ?? reply.consultCallSid;
    return consultCallSid ? { consultCallSid } : {};
  }

  /**
   * Runs a request after which the server ends these calls; their legs' disconnects (or, for parked lines, the
   * success) close them with `reason`. A failed request leaves them as they were.
   */
  private async endingAs<T>(calls: CallState[], reason: string, request: () => Promise<T>): Promise<T> {
    const entries = calls.map((c) => this.deps.calls.entry(c.sid));
    for (const entry of entries) if (entry) entry.closeReason = reason;
    let result: T;
    try {
      result = await request();
    } catch (error) {
      for (const entry of entries) if (entry) entry.closeReason = null;
      throw error;
    }
    for (const call of calls) this.deps.calls.closeDetached(call.sid, reason);
    return result;
  }

  private async resumeAfterFailure(live: CallState): Promise<void> {
    this.deps.lines.forbidParking(live);
    const current = this.deps.calls.state(live.sid);
    if (current && !this.deps.lines.isParked(current))
      await this.deps.lines.setHeld(current, false).catch(() => undefined);
  }

  private list(): readonly CallState[] {
    return this.deps.calls.list();
  }

  /** The named call (sid or CallSid), else the live one; it must be connected. */
  private requireOpen(callSid: string | undefined): CallState {
    const list = this.list();
    const call = callSid === undefined ? findLive(list) : findCallBySid(list, callSid);
    if (!call)
      throw new SoftphoneError(
        'no_active_call',
        callSid === undefined ? 'There is no call to act on.' : `No call with id ${callSid}.`,
      );
    if (call.status !== 'open')
      throw new SoftphoneError('wrong_state', `Cannot do that to a call that is ${call.status}.`);
    return call;
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
