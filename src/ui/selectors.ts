/** Derived views of SoftphoneState shared by several components. */
import type { CallState, SoftphoneState } from '../contract/schema';

const LIVE_STATUSES: ReadonlySet<CallState['status']> = new Set(['connecting', 'ringing', 'open', 'reconnecting']);

/** Incoming calls waiting for Accept / Reject / Ignore. */
export function isRingingIncoming(call: CallState): boolean {
  return call.direction === 'incoming' && call.status === 'pending';
}

/**
 * Calls shown in the active-call area: everything in progress, plus a closed call the service still
 * names as active (so the 'closed' status is visible until the service moves on).
 */
export function isShownAsActive(call: CallState, activeCallSid: string | null): boolean {
  if (isRingingIncoming(call)) return false;
  if (call.status === 'closed') return call.sid === activeCallSid;
  return true;
}

/**
 * The line is taken: the Device says it is busy, or a call is being placed, connected or talked on (a
 * ringing incoming call does not count). The dial pad is disabled meanwhile: a second call cannot be placed.
 */
export function isLineBusy(state: SoftphoneState): boolean {
  return (
    state.device.isBusy ||
    state.calls.some(
      (call) => LIVE_STATUSES.has(call.status) || (call.direction === 'outgoing' && call.status === 'pending'),
    )
  );
}

/** The most recently ended call, if any. */
export function lastClosedCall(calls: readonly CallState[]): CallState | null {
  let latest: CallState | null = null;
  for (const call of calls) {
    if (call.status !== 'closed') continue;
    if (!latest || (call.endedAt ?? 0) >= (latest.endedAt ?? 0)) latest = call;
  }
  return latest;
}

/** Whether a call is on hold (older producers omit `held`: the schema's default is false). */
export function isHeld(call: CallState): boolean {
  return call.held === true;
}

/** The call we talk on now: in progress and not held. */
export function liveCall(calls: readonly CallState[]): CallState | undefined {
  return [...calls].reverse().find((call) => isInProgress(call) && !isHeld(call));
}

/** A call is in progress from placing or accepting it until it closes (a ringing incoming call is not). */
export function isInProgress(call: CallState): boolean {
  return call.status !== 'closed' && !isRingingIncoming(call);
}
