/** Human words for a call's status and end reason (never the SDK's own names). */
import type { CallState } from '../contract/schema';
import type { MessageKey } from './i18n/catalog';
import { isHeld } from './selectors';

export function statusKey(call: CallState): MessageKey {
  if (call.status === 'open' && isHeld(call)) return 'status.held';
  switch (call.status) {
    case 'pending':
      return call.direction === 'incoming' ? 'incoming.ringing' : 'status.starting';
    case 'connecting':
      return 'status.connecting';
    case 'ringing':
      return 'status.ringing';
    case 'open':
      return 'status.open';
    case 'reconnecting':
      return 'status.reconnecting';
    case 'closed':
      return 'status.closed';
  }
}

const END_REASONS: Readonly<Record<string, MessageKey>> = {
  'local-hangup': 'end.local-hangup',
  'remote-hangup': 'end.remote-hangup',
  rejected: 'end.rejected',
  ignored: 'end.ignored',
  canceled: 'end.canceled',
  error: 'end.error',
  transferred: 'end.transferred',
  merged: 'end.merged',
};

export function endReasonKey(reason: string | null): MessageKey {
  return (reason && END_REASONS[reason]) || 'end.other';
}

export function callTitleKey(call: CallState): MessageKey {
  return call.direction === 'outgoing' ? 'call.to' : 'call.from';
}
