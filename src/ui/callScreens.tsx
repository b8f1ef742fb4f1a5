/**
 * The screens only a call shows, in progress or just ended: the call cards (toolbar, keypad, transfer, messages,
 * meters), the switcher between calls, the after-call summary with its feedback form. One lazy chunk
 * ("softphone-calls", see lazy/callScreens.ts): the idle screen and a ringing call never need it.
 */
import Box from '@mui/material/Box';
import type { JSX } from 'react';
import type { SoftphoneState } from '../contract/schema';
import { ActiveCall } from './components/ActiveCall';
import { CallSwitcher } from './components/CallSwitcher';
import { shallowArrayEqual } from './equality';
import { useSoftphone } from './hooks/useSoftphoneSelector';
import { isInProgress } from './selectors';

export { CallSummary } from './components/CallSummary';

function selectActiveSids(state: SoftphoneState): string[] {
  return state.calls.filter(isInProgress).map((call) => call.sid);
}

function ActiveCalls(): JSX.Element | null {
  const sids = useSoftphone(selectActiveSids, shallowArrayEqual);
  if (sids.length === 0) return null;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      {sids.map((sid) => (
        <ActiveCall key={sid} callSid={sid} />
      ))}
    </Box>
  );
}

/** The calls in progress: the switcher (with two or more) above one card per call. */
export function CallsInProgress(): JSX.Element {
  return (
    <>
      <CallSwitcher />
      <ActiveCalls />
    </>
  );
}
