/** The history entry of a finished call, or null while it is not finished. */
import type { HistoryEntry } from '../contract/history';
import type { CallState } from '../contract/schemaState';

/** End reasons of an unanswered incoming call that the person did not decide themselves. */
const NOT_DECIDED_HERE = new Set(['canceled', 'error', 'remote-hangup']);

export function historyEntryOf(call: CallState): HistoryEntry | null {
  if (call.status !== 'closed' || call.endedAt === null) return null;
  const answered = call.answeredAt !== null;
  return {
    id: call.sid,
    twilioCallSid: call.twilioCallSid,
    direction: call.direction,
    peer: call.direction === 'incoming' ? call.from : call.to,
    startedAt: call.startedAt,
    answeredAt: call.answeredAt,
    endedAt: call.endedAt,
    durationMs: answered ? Math.max(0, call.endedAt - (call.answeredAt ?? call.endedAt)) : 0,
    endReason: call.endReason,
    missed: call.direction === 'incoming' && !answered && NOT_DECIDED_HERE.has(call.endReason ?? 'canceled'),
  };
}
