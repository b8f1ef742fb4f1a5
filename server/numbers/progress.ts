import type { NumberCallControl, NumberCallHandler } from '../gateway/numberPlan.js';
import { TwilioCode, signalingError, type SignalingError } from '../gateway/errors.js';
import { CallScope } from './callScope.js';

/** Numbers that never answer: each ends the call before answer the way Twilio reports that outcome. */
export interface ProgressTimings {
  /** Busy: time to the busy signal (no ringing). */
  busyAfterMs: number;
  /** No answer: how long it rings before giving up. */
  noAnswerTimeoutMs: number;
  /** Reject: how long it rings before the callee declines. */
  rejectAfterMs: number;
}

function failAfter(call: NumberCallControl, ms: number, error: SignalingError, ring: boolean): NumberCallHandler {
  const scope = new CallScope();
  if (ring) call.ringing();
  scope.after(ms, () => {
    scope.end();
    call.hangup(error);
  });
  return { onEnd: () => scope.end() };
}

export const busyNumber =
  (t: ProgressTimings) =>
  (call: NumberCallControl): NumberCallHandler =>
    failAfter(call, t.busyAfterMs, signalingError(TwilioCode.BusyHere, `${call.to} is busy`), false);

export const noAnswerNumber =
  (t: ProgressTimings) =>
  (call: NumberCallControl): NumberCallHandler =>
    failAfter(
      call,
      t.noAnswerTimeoutMs,
      signalingError(TwilioCode.TemporarilyUnavailable, `${call.to} did not answer`),
      true,
    );

export const rejectNumber =
  (t: ProgressTimings) =>
  (call: NumberCallControl): NumberCallHandler =>
    failAfter(call, t.rejectAfterMs, signalingError(TwilioCode.BusyHere, `${call.to} declined the call`), true);
