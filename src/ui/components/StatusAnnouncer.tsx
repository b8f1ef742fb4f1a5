/** A polite live region announcing call changes (ringing, connected, reconnecting, ended) to screen readers. */
import Box from '@mui/material/Box';
import { useEffect, useRef, useState, type JSX } from 'react';
import type { CallState, SoftphoneState } from '../../contract/schema';
import { shallowArrayEqual } from '../equality';
import { useSoftphone } from '../hooks/useSoftphoneSelector';
import { partyName } from '../text';
import { visuallyHidden } from '../visuallyHidden';

interface CallSummary {
  sid: string;
  status: CallState['status'];
  direction: CallState['direction'];
  party: string;
  reconnecting: boolean;
}

function selectSummaries(state: SoftphoneState): CallSummary[] {
  return state.calls.map((call) => ({
    sid: call.sid,
    status: call.status,
    direction: call.direction,
    party: partyName(call.direction === 'outgoing' ? call.to : call.from),
    reconnecting: call.reconnecting,
  }));
}

export function announcementFor(call: CallSummary, before: CallSummary | undefined): string | null {
  if (before && before.status === call.status && before.reconnecting === call.reconnecting) return null;
  if (call.status === 'reconnecting' || (call.reconnecting && !before?.reconnecting))
    return `Reconnecting the call with ${call.party}.`;
  switch (call.status) {
    case 'pending':
      return call.direction === 'incoming' ? `Incoming call from ${call.party}.` : null;
    case 'connecting':
      return `Calling ${call.party}.`;
    case 'ringing':
      return `Ringing ${call.party}.`;
    case 'open':
      return `Connected with ${call.party}.`;
    case 'closed':
      return `Call with ${call.party} ended.`;
  }
}

export function StatusAnnouncer(): JSX.Element {
  const summaries = useSoftphone(selectSummaries, shallowArrayEqual);
  // Null until the first snapshot: calls that exist at mount are not news.
  const previous = useRef<ReadonlyMap<string, CallSummary> | null>(null);
  const [message, setMessage] = useState('');

  useEffect(() => {
    const before = previous.current;
    previous.current = new Map(summaries.map((call) => [call.sid, call]));
    if (!before) return;
    const messages = summaries
      .map((call) => announcementFor(call, before.get(call.sid)))
      .filter((m): m is string => m !== null);
    if (messages.length > 0) setMessage(messages.join(' '));
  }, [summaries]);

  return (
    <Box role="status" aria-live="polite" aria-label="Call announcements" sx={visuallyHidden}>
      {message}
    </Box>
  );
}
