/**
 * The calls of one Device: each SDK Call is tracked from the moment it exists (dialled or incoming)
 * until it closes; its events are reduced into `state.calls` and published on `events$` / `volume$`.
 */
import { Subscription } from 'rxjs';
import type { CallState } from '../contract/schema';
import { SoftphoneError } from '../contract/service';
import { CallRegistry, pruneClosedCalls, type CallEntry } from './callRegistry';
import { findLive } from './callSelectors';
import { closeCall, newCallState, reduceCallEvent, toCallStatus, type NewCallInput } from './callState';
import type { CurrentDevice } from './currentDevice';
import type { ErrorReporter } from './errorReporter';
import { callEventData } from './eventData';
import { destroyedError } from './lifetime';
import { rejectPendingMessages, settlePendingMessage } from './pendingMessages';
import { callEvents, type CallSdkEvent } from './sdkEvents';
import type { CallLike } from './sdkTypes';
import type { ServiceOutputs } from './serviceOutputs';

/** What the service knows about a call when it starts tracking it. */
export type TrackedCallInfo = Omit<NewCallInput, 'now'>;

export interface CallTrackerDeps {
  outputs: ServiceOutputs;
  errors: ErrorReporter;
  /** Synced after every call event: a call changes the Device's `isBusy`. */
  device: CurrentDevice;
  now: () => number;
}

/** What an outgoing call's `cancel` means (see callState.ts): the connection dropped before the answer. */
const LOST_BEFORE_ANSWER = {
  code: 31005,
  message: 'The call was lost.',
  explanation: 'The connection to the call service dropped before the call was answered, and the call ended.',
  solutions: ['Call again.'],
};

export class CallTracker {
  private readonly registry = new CallRegistry();
  private readonly subscriptions = new Subscription();

  constructor(private readonly deps: CallTrackerDeps) {}

  list(): readonly CallState[] {
    return this.deps.outputs.store.get().calls;
  }

  state(sid: string): CallState | undefined {
    return this.list().find((c) => c.sid === sid);
  }

  entry(sid: string): CallEntry | undefined {
    return this.registry.get(sid);
  }

  /** By the stable sid or by Twilio's CallSid (commands accept either). */
  find(callSid: string): CallEntry | undefined {
    return this.registry.find(callSid, this.list());
  }

  sidOf(call: CallLike): string | undefined {
    return this.registry.sidOf(call);
  }

  entries(): CallEntry[] {
    return this.registry.all();
  }

  update(sid: string, reducer: (c: CallState) => CallState): void {
    const current = this.state(sid);
    if (!current) return;
    const next = reducer(current);
    // Most samples and repeated events change nothing: skip the snapshot comparison entirely.
    if (next !== current) this.setCalls((list) => list.map((c) => (c.sid === sid ? next : c)));
  }

  track(call: CallLike, info: TrackedCallInfo): CallEntry {
    const { now } = this.deps;
    const entry = this.registry.add(info.sid, call);
    this.setCalls((list) => [...list, newCallState(call, { ...info, now: now() })]);
    entry.subscription = callEvents(call).subscribe((event) => this.onEvent(entry, event));
    this.subscriptions.add(entry.subscription);
    // A call that failed before we could listen would otherwise look alive forever.
    if (toCallStatus(call.status()) === 'closed') {
      this.update(info.sid, (c) => closeCall(c, 'error', now()));
      this.finish(entry);
    }
    return entry;
  }

  /**
   * Calls the SDK closed without an event: `connect()` and `disconnectAll()` silently ignore calls
   * that were still ringing. Without this they would look pending forever.
   */
  closeSilentlyEnded(): void {
    for (const entry of this.registry.all()) {
      const state = this.state(entry.sid);
      if (state && state.status !== 'closed' && toCallStatus(entry.call.status()) === 'closed') {
        this.update(entry.sid, (c) => closeCall(c, 'ignored', this.deps.now()));
        this.finish(entry);
      }
    }
  }

  /** The call has closed: reject its waiting messages and stop listening to it. */
  finish(entry: CallEntry): void {
    rejectPendingMessages(
      entry,
      () => new SoftphoneError('wrong_state', 'The call ended before the message was acknowledged.'),
    );
    const subscription = entry.subscription;
    entry.subscription = null;
    // Deferred: the SDK may emit more events synchronously after closing (e.g. `error` right after
    // `disconnect` when the microphone fails during accept), and they must still be seen.
    if (subscription) queueMicrotask(() => subscription.unsubscribe());
  }

  /**
   * The held line's leg went away because we accepted another one: the server keeps the far party on hold music.
   * The state entry stays (open, held) without an SDK call until the server calls us back with it.
   */
  park(entry: CallEntry): void {
    this.finish(entry);
    this.registry.remove(entry.sid);
    entry.parkOnDisconnect = false;
    this.update(entry.sid, (c) => (c.held ? c : { ...c, held: true, heldAt: this.deps.now() }));
    this.deps.device.sync();
  }

  /** A parked line came back on a new leg (the server's call-back): the entry follows the new SDK call. */
  reattach(sid: string, call: CallLike): CallEntry | undefined {
    const line = this.state(sid);
    if (!line) return undefined;
    const entry = this.registry.add(sid, call);
    entry.lineSid = line.twilioCallSid;
    entry.subscription = callEvents(call).subscribe((event) => this.onEvent(entry, event));
    this.subscriptions.add(entry.subscription);
    this.update(sid, (c) => ({ ...c, status: toCallStatus(call.status()), held: false, heldAt: null }));
    return entry;
  }

  /** Ends a call that has no SDK leg (a parked line) in state. */
  closeDetached(sid: string, reason: string): void {
    if (this.registry.get(sid)) return;
    this.update(sid, (c) => closeCall({ ...c, held: false }, reason, this.deps.now()));
  }

  /** Shutdown, before the Device is destroyed: its hangups are ours, nothing more will be acknowledged. */
  abandonAll(): void {
    for (const entry of this.registry.all()) {
      entry.hangupRequested = true;
      rejectPendingMessages(entry, destroyedError);
    }
  }

  /** Shutdown, after the Device is destroyed: removes every listener from every call. */
  stopListening(): void {
    for (const entry of this.registry.all()) {
      entry.subscription?.unsubscribe();
      entry.subscription = null;
    }
    this.subscriptions.unsubscribe();
  }

  private setCalls(reducer: (calls: CallState[]) => CallState[]): void {
    this.deps.outputs.update((s) => {
      const next = pruneClosedCalls(releaseOrphanConsults(reducer(s.calls)));
      return { ...s, calls: next, activeCallSid: findLive(next)?.sid ?? null };
    });
    this.registry.retainOnly(this.list());
  }

  private onEvent(entry: CallEntry, event: CallSdkEvent): void {
    const { outputs, errors, device, now } = this.deps;
    const data = callEventData(event, entry.call);
    if (event.name === 'volume') {
      const levels = data as { input: number; output: number };
      outputs.publishVolume({ callSid: entry.sid, input: levels.input, output: levels.output });
      outputs.emit({ source: 'call', name: event.name, callSid: entry.sid, data });
      return;
    }
    if (event.name === 'error') {
      entry.errored = true;
      errors.report(event.args[0], { source: 'call', callSid: entry.sid });
    }
    if (event.name === 'cancel' && this.state(entry.sid)?.direction === 'outgoing') {
      entry.errored = true;
      errors.report(LOST_BEFORE_ANSWER, { source: 'call', callSid: entry.sid });
    }
    if (event.name === 'disconnect' && entry.parkOnDisconnect) {
      this.park(entry);
      return;
    }
    settlePendingMessage(entry, event);
    const reason =
      entry.closeReason ?? (entry.hangupRequested ? 'local-hangup' : entry.errored ? 'error' : 'remote-hangup');
    this.update(entry.sid, (c) => keepLineSid(entry, reduceCallEvent(c, event, entry.call, now(), reason)));
    device.sync();
    outputs.emit({ source: 'call', name: event.name, callSid: entry.sid, data });
    if (this.state(entry.sid)?.status === 'closed' && entry.subscription) this.finish(entry);
  }
}

/** A re-attached line's events carry its new leg's CallSid; the line keeps its own. */
function keepLineSid(entry: CallEntry, state: CallState): CallState {
  return entry.lineSid && state.twilioCallSid !== entry.lineSid ? { ...state, twilioCallSid: entry.lineSid } : state;
}

/** A consult call whose original call ended (hung up, transferred) is an ordinary call from then on. */
function releaseOrphanConsults(calls: CallState[]): CallState[] {
  const orphan = (c: CallState): boolean =>
    c.consultFor !== null && !calls.some((o) => o.sid === c.consultFor && o.status !== 'closed');
  return calls.some(orphan) ? calls.map((c) => (orphan(c) ? { ...c, consultFor: null } : c)) : calls;
}
