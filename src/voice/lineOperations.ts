/**
 * The building blocks of call control on one line: hold or resume it on the server (and mute our leg locally, belt
 * and braces), bring a parked line back on the server's call-back, take a consult leg over, end a held or parked
 * line, and get the live line ready for call waiting's accept. A browser has one SDK leg at most, so a held line
 * whose leg goes away (we accepted another) stays in state *parked*: open, held, with no SDK call behind it.
 */
import type { CallControlEventName } from '../contract/callControl';
import type { CallState } from '../contract/schema';
import { isSoftphoneError, SoftphoneError } from '../contract/service';
import type { CallControlClient } from './callControlClient';
import { findLiveUnheld, localSid } from './callSelectors';
import { toCallStatus } from './callState';
import type { CallTracker } from './callTracker';
import type { LineCallbacks } from './lineCallbacks';
import type { CallLike } from './sdkTypes';
import type { ServiceOutputs } from './serviceOutputs';

export interface LineOperationsDeps {
  identity: string;
  rtcConfiguration: RTCConfiguration | undefined;
  calls: CallTracker;
  client: CallControlClient;
  callbacks: LineCallbacks;
  outputs: ServiceOutputs;
  now: () => number;
}

/** The line's id on the server: Twilio's CallSid of the leg that first connected it. */
export function lineOf(call: CallState): string {
  if (!call.twilioCallSid) throw new SoftphoneError('wrong_state', 'The call has no CallSid yet.');
  return call.twilioCallSid;
}

export class LineOperations {
  /** Our mute before each hold, restored on resume (hold mutes the SDK leg). */
  private readonly mutedBeforeHold = new Map<string, boolean>();

  constructor(private readonly deps: LineOperationsDeps) {}

  /** A line that is open in state but has no SDK leg: the server keeps its far party on hold music. */
  isParked(call: CallState): boolean {
    return call.status !== 'closed' && this.deps.calls.entry(call.sid) === undefined;
  }

  /** Holds or resumes the line on the server, then our leg and the state follow. */
  async setHeld(call: CallState, held: boolean): Promise<void> {
    await this.guard(call, () => this.deps.client.request('hold', { callSid: lineOf(call), held }));
    const entry = this.deps.calls.entry(call.sid);
    if (entry) {
      if (held) this.rememberMute(call.sid, entry.call);
      entry.call.mute(held ? true : this.restoredMute(call.sid));
    }
    this.deps.calls.update(call.sid, (c) => ({ ...c, held, heldAt: held ? (c.heldAt ?? this.deps.now()) : null }));
    this.emit(held ? 'hold' : 'resume', call.sid, { held });
  }

  /** The leg of `call` may go away now (we accept another): its line parks instead of ending. */
  allowParking(call: CallState): void {
    const entry = this.deps.calls.entry(call.sid);
    if (!entry) return;
    this.rememberMute(call.sid, entry.call);
    entry.parkOnDisconnect = true;
  }

  forbidParking(call: CallState): void {
    const entry = this.deps.calls.entry(call.sid);
    if (entry) entry.parkOnDisconnect = false;
  }

  /** Brings a parked line back: the server calls us with `SwitchboardLine`, and that call becomes the line's leg. */
  async retrieve(call: CallState): Promise<void> {
    const lineSid = lineOf(call);
    const callback = this.deps.callbacks.expect('line', lineSid, (incoming) => this.takeBack(call.sid, incoming));
    try {
      await this.guard(call, () => this.deps.client.request('retrieve', { callSid: lineSid }));
    } catch (error) {
      callback.cancel();
      callback.done.catch(() => undefined);
      throw error;
    }
    await callback.done;
  }

  /**
   * Waits for the consult leg of a warm transfer of `original` (the server calls us with `SwitchboardConsultFor`)
   * and shows it as a new call to `to`. Returns the wait and the consult's sid once known.
   */
  expectConsult(original: CallState, to: string): { done: Promise<void>; cancel(): void; sid(): string | null } {
    let consultSid: string | null = null;
    const callback = this.deps.callbacks.expect('consult', lineOf(original), (incoming) => {
      consultSid = this.startConsult(original.sid, incoming, to);
    });
    return { ...callback, sid: () => consultSid };
  }

  /** Call waiting: before accepting `waitingSid`, the live line is held so the SDK's hang-up of its leg parks it. */
  async prepareAccept(waitingSid: string): Promise<{ undo(): Promise<void> }> {
    const { calls, client } = this.deps;
    const others = calls.list().filter((c) => c.sid !== waitingSid && c.status !== 'closed' && !this.isParked(c));
    const live = findLiveUnheld(others);
    const alreadyHeld = others.filter((c) => c.held);
    const undoParking = (): void => alreadyHeld.forEach((c) => this.forbidParking(c));
    alreadyHeld.forEach((c) => this.allowParking(c));
    if (!live) return { undo: async () => undoParking() };
    const entry = calls.entry(live.sid);
    if (!client.available || live.status !== 'open') {
      // Nothing can hold it: the SDK ends the current call when the next one is accepted (its own behaviour).
      if (entry) entry.hangupRequested = true;
      return {
        undo: async () => {
          undoParking();
          if (entry) entry.hangupRequested = false;
        },
      };
    }
    await this.setHeld(live, true).catch((error: unknown) => {
      undoParking();
      throw error;
    });
    this.allowParking(live);
    return {
      undo: async () => {
        undoParking();
        this.forbidParking(live);
        const current = calls.state(live.sid);
        if (current && !this.isParked(current)) await this.setHeld(current, false).catch(() => undefined);
      },
    };
  }

  /** Ends a held or parked line on the server (the SDK alone would only park a held line). */
  async hangupLine(call: CallState): Promise<void> {
    const { calls, client } = this.deps;
    const entry = calls.entry(call.sid);
    if (entry) entry.hangupRequested = true;
    try {
      await this.guard(call, () => client.request('hangup', { callSid: lineOf(call) }));
    } catch (error) {
      if (entry) entry.hangupRequested = false;
      // Already gone on the server (the far party hung up while parked): ended is what was asked for.
      if (!(isSoftphoneError(error) && error.code === 'no_active_call')) throw error;
    }
    calls.closeDetached(call.sid, 'local-hangup');
  }

  emit(name: CallControlEventName, callSid: string, data: unknown): void {
    this.deps.outputs.emit({ source: 'callControl', name, callSid, data });
  }

  /** The server says a parked line no longer exists: it ended while parked, and the state says so. */
  private async guard<T>(call: CallState, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (isSoftphoneError(error) && error.code === 'no_active_call' && this.isParked(call))
        this.deps.calls.closeDetached(call.sid, 'remote-hangup');
      throw error;
    }
  }

  private takeBack(sid: string, incoming: CallLike): void {
    const entry = this.deps.calls.reattach(sid, incoming);
    if (!entry) {
      incoming.reject();
      throw new SoftphoneError('no_active_call', 'The line ended before it came back.');
    }
    this.accept(incoming);
    if (this.restoredMute(sid)) incoming.mute(true);
    this.deps.calls.update(sid, (c) => ({ ...c, status: toCallStatus(incoming.status()), muted: incoming.isMuted() }));
    this.emit('resume', sid, { held: false });
  }

  private startConsult(originalSid: string, incoming: CallLike, to: string): string {
    const { calls, identity } = this.deps;
    const sid = incoming.parameters.CallSid ?? localSid();
    calls.track(incoming, { sid, direction: 'outgoing', from: `client:${identity}`, to });
    calls.update(sid, (c) => ({ ...c, consultFor: originalSid }));
    this.accept(incoming);
    calls.update(sid, (c) => ({ ...c, status: toCallStatus(incoming.status()) }));
    this.emit('consult', sid, { consultFor: originalSid });
    return sid;
  }

  private accept(call: CallLike): void {
    const { rtcConfiguration } = this.deps;
    call.accept(rtcConfiguration ? { rtcConfiguration } : undefined);
  }

  private rememberMute(sid: string, call: CallLike): void {
    if (!this.mutedBeforeHold.has(sid)) this.mutedBeforeHold.set(sid, call.isMuted());
  }

  private restoredMute(sid: string): boolean {
    const muted = this.mutedBeforeHold.get(sid) ?? false;
    this.mutedBeforeHold.delete(sid);
    return muted;
  }
}
