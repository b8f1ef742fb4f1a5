/** Turns bus traffic into call-log lines: one per event, one per meaningful state change. */
import type { CallState, SoftphoneEvent, SoftphoneState } from '../../src/contract/schema';

export const MAX_LOG_ENTRIES = 200;
/** ~20 Hz and 1 Hz media events: hidden unless asked for, or they drown everything else. */
export const MEDIA_EVENT_NAMES: ReadonlySet<string> = new Set(['volume', 'sample']);

export interface LogEntry {
  /** Increasing, unique within the log (React key, and order when timestamps tie). */
  seq: number;
  at: number;
  instance: string;
  kind: 'event' | 'state';
  text: string;
}

export type LogLine = Omit<LogEntry, 'seq'>;

export function shortSid(sid: string): string {
  return sid.length > 12 ? `${sid.slice(0, 6)}…${sid.slice(-4)}` : sid;
}

/** Call-control events (hold, transfer, merge, ...) in words, with what their data says. */
export function describeCallControl(name: string, data: unknown): string {
  const field = (key: string): string | undefined => {
    const value = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[key] : undefined;
    return typeof value === 'string' ? value : undefined;
  };
  switch (name) {
    case 'hold':
      return 'call put on hold';
    case 'resume':
      return 'call resumed';
    case 'transfer':
      return `call transferred to ${field('to') ?? '?'} (${field('mode') === 'warm' ? 'talk first' : 'blind'})`;
    case 'consult':
      return `consult call for ${shortSid(field('consultFor') ?? '?')}`;
    case 'completeTransfer':
      return 'transfer completed';
    case 'merge':
      return `calls merged into conference ${shortSid(field('conferenceSid') ?? '?')}`;
    case 'switchCall':
      return `switched calls${field('from') ? ` (${shortSid(field('from') as string)} on hold)` : ''}`;
    default:
      return `callControl ${name}`;
  }
}

export function describeEvent(event: SoftphoneEvent): LogLine {
  const sid = event.callSid === undefined ? '' : ` (${shortSid(event.callSid)})`;
  if (event.source === 'callControl')
    return {
      at: event.at,
      instance: event.instance,
      kind: 'event',
      text: `${describeCallControl(event.name, event.data)}${sid}`,
    };
  const detail = event.name === 'warning' || event.name === 'warning-cleared' ? warningName(event.data) : '';
  return {
    at: event.at,
    instance: event.instance,
    kind: 'event',
    text: `${event.source} ${event.name}${detail}${sid}`,
  };
}

function warningName(data: unknown): string {
  const name = typeof data === 'object' && data !== null ? (data as { name?: unknown }).name : undefined;
  return typeof name === 'string' ? ` ${name}` : '';
}

function describeCall(call: CallState): string {
  const peer = call.direction === 'incoming' ? `from ${call.from ?? 'unknown'}` : `to ${call.to ?? 'unknown'}`;
  return `${call.direction} call ${peer}`;
}

/** What changed between two snapshots of one softphone, in reading order. */
export function describeStateChange(previous: SoftphoneState | undefined, next: SoftphoneState, at: number): LogLine[] {
  const lines: string[] = [];
  if (previous?.device.state !== next.device.state) {
    lines.push(previous ? `device ${previous.device.state} → ${next.device.state}` : `device ${next.device.state}`);
  }
  const before = new Map((previous?.calls ?? []).map((call) => [call.sid, call]));
  for (const call of next.calls) {
    const old = before.get(call.sid);
    const sid = shortSid(call.sid);
    if (!old) lines.push(`${describeCall(call)} (${sid}): ${call.status}`);
    else if (old.status !== call.status)
      lines.push(
        `call ${sid}: ${old.status} → ${call.status}${call.status === 'closed' && call.endReason ? ` (${call.endReason})` : ''}`,
      );
    if (old && old.muted !== call.muted) lines.push(`call ${sid}: ${call.muted ? 'muted' : 'unmuted'}`);
    if (old && old.held !== call.held) lines.push(`call ${sid}: ${call.held ? 'on hold' : 'resumed'}`);
    if (call.conferenceSid && old?.conferenceSid !== call.conferenceSid)
      lines.push(`call ${sid}: in conference ${shortSid(call.conferenceSid)}`);
  }
  const error = next.lastError;
  if (error && error.at !== previous?.lastError?.at) lines.push(`error ${String(error.code)}: ${error.message}`);
  return lines.map((text) => ({ at, instance: next.instance, kind: 'state', text }));
}

/** Prepends `lines` (given oldest first) so the log reads newest first, keeping at most `max` entries. */
export function prependBounded(
  log: readonly LogEntry[],
  lines: readonly LogLine[],
  firstSeq: number,
  max = MAX_LOG_ENTRIES,
): LogEntry[] {
  const added = lines.map((line, i) => ({ ...line, seq: firstSeq + i })).reverse();
  return [...added, ...log].slice(0, max);
}
