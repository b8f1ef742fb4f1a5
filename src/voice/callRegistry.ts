/**
 * The live SDK Call objects behind `state.calls`, keyed by the stable sid, plus what only the
 * service knows about them (did we ask for the hangup, which messages await their ack).
 */
import type { Subscription } from 'rxjs';
import type { CallState } from '../contract/schema';
import type { CallLike } from './sdkTypes';
import type { SendMessageResult, SoftphoneError } from '../contract/service';

export interface PendingMessage {
  voiceEventSid: string;
  resolve: (result: SendMessageResult) => void;
  reject: (error: SoftphoneError) => void;
}

export interface CallEntry {
  readonly sid: string;
  readonly call: CallLike;
  subscription: Subscription | null;
  /** We called disconnect(): a following `disconnect` is a local hangup. */
  hangupRequested: boolean;
  /** An error preceded the end of the call. */
  errored: boolean;
  pendingMessages: PendingMessage[];
  /**
   * Call control: we are about to accept another leg while this call is held, so the SDK's disconnect of this leg
   * parks the line on the server (the state entry stays, detached) instead of ending the call.
   */
  parkOnDisconnect: boolean;
  /** Why the call ends when its leg disconnects, when we know better than the SDK (e.g. 'transferred'). */
  closeReason: string | null;
  /** A re-attached line keeps its lineSid as `twilioCallSid`, whatever CallSid its new leg has. */
  lineSid: string | null;
}

/** Closed calls kept in state so the UI can offer feedback; older ones are dropped. */
export const MAX_CLOSED_CALLS = 5;

export class CallRegistry {
  private readonly entries = new Map<string, CallEntry>();

  add(sid: string, call: CallLike): CallEntry {
    const entry: CallEntry = {
      sid,
      call,
      subscription: null,
      hangupRequested: false,
      errored: false,
      pendingMessages: [],
      parkOnDisconnect: false,
      closeReason: null,
      lineSid: null,
    };
    this.entries.set(sid, entry);
    return entry;
  }

  get(sid: string): CallEntry | undefined {
    return this.entries.get(sid);
  }

  /** Finds an entry by its stable sid or by Twilio's CallSid (commands accept either). */
  find(callSid: string, calls: readonly CallState[]): CallEntry | undefined {
    const byStable = this.entries.get(callSid);
    if (byStable) return byStable;
    const state = calls.find((c) => c.twilioCallSid === callSid);
    return state ? this.entries.get(state.sid) : undefined;
  }

  sidOf(call: CallLike): string | undefined {
    for (const entry of this.entries.values()) if (entry.call === call) return entry.sid;
    return undefined;
  }

  /** Forgets the SDK call of `sid` (a parked line keeps its state entry without one). */
  remove(sid: string): void {
    this.entries.delete(sid);
  }

  /** Drops entries whose call no longer appears in state. */
  retainOnly(calls: readonly CallState[]): void {
    const keep = new Set(calls.map((c) => c.sid));
    for (const sid of [...this.entries.keys()]) if (!keep.has(sid)) this.entries.delete(sid);
  }

  all(): CallEntry[] {
    return [...this.entries.values()];
  }
}

/** Keeps every open call and the most recent `MAX_CLOSED_CALLS` closed ones, in arrival order. */
export function pruneClosedCalls(calls: readonly CallState[]): CallState[] {
  const closed = calls.filter((c) => c.status === 'closed');
  const drop = new Set(closed.slice(0, Math.max(0, closed.length - MAX_CLOSED_CALLS)).map((c) => c.sid));
  return calls.filter((c) => !drop.has(c.sid));
}
