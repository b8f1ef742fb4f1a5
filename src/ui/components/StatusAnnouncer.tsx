/** A polite live region announcing call changes (ringing, connected, on hold, reconnecting, ended). */
import Box from '@mui/material/Box';
import { useEffect, useRef, useState, type JSX } from 'react';
import type { CallState, SoftphoneState } from '../../contract/schema';
import { partyName, peerOf } from '../format';
import { useSoftphone } from '../hooks/useSoftphoneSelector';
import { useI18n } from '../i18n/I18nContext';
import type { Translator } from '../i18n/translator';
import { isHeld } from '../selectors';
import { visuallyHidden } from '../visuallyHidden';

interface CallSummary {
  sid: string;
  status: CallState['status'];
  direction: CallState['direction'];
  peer: string | null;
  reconnecting: boolean;
  held: boolean;
}

function selectSummaries(state: SoftphoneState): CallSummary[] {
  return state.calls.map((call) => ({
    sid: call.sid,
    status: call.status,
    direction: call.direction,
    peer: peerOf(call),
    reconnecting: call.reconnecting,
    held: isHeld(call),
  }));
}

function summaryEqual(a: CallSummary[], b: CallSummary[]): boolean {
  return (
    a.length === b.length &&
    a.every((call, i) => {
      const other = b[i] as CallSummary;
      return (
        call.sid === other.sid &&
        call.status === other.status &&
        call.reconnecting === other.reconnecting &&
        call.held === other.held &&
        call.peer === other.peer
      );
    })
  );
}

export function announcementFor(call: CallSummary, before: CallSummary | undefined, t: Translator['t']): string | null {
  const name = partyName(call.peer, t);
  if (before && before.status === call.status && before.reconnecting === call.reconnecting) {
    return before.held !== call.held && call.status === 'open'
      ? t(call.held ? 'announce.held' : 'announce.connected', { name })
      : null;
  }
  if (call.status === 'reconnecting' || (call.reconnecting && !before?.reconnecting))
    return t('announce.reconnecting', { name });
  switch (call.status) {
    case 'pending':
      return call.direction === 'incoming' ? t('announce.incoming', { name }) : null;
    case 'connecting':
      return t('announce.calling', { name });
    case 'ringing':
      return t('announce.ringing', { name });
    case 'open':
      return t(call.held ? 'announce.held' : 'announce.connected', { name });
    case 'closed':
      return t('announce.ended', { name });
  }
}

export function StatusAnnouncer(): JSX.Element {
  const { t } = useI18n();
  const summaries = useSoftphone(selectSummaries, summaryEqual);
  // Null until the first snapshot: calls that exist at mount are not news.
  const previous = useRef<ReadonlyMap<string, CallSummary> | null>(null);
  const [message, setMessage] = useState('');

  useEffect(() => {
    const before = previous.current;
    previous.current = new Map(summaries.map((call) => [call.sid, call]));
    if (!before) return;
    const messages = summaries
      .map((call) => announcementFor(call, before.get(call.sid), t))
      .filter((m): m is string => m !== null);
    if (messages.length > 0) setMessage(messages.join(' '));
  }, [summaries, t]);

  return (
    <Box role="status" aria-live="polite" aria-label={t('announce.region')} sx={visuallyHidden}>
      {message}
    </Box>
  );
}
