/** The ringing incoming calls and the calls in progress, each rendered by its own component. */
import Box from '@mui/material/Box';
import type { JSX } from 'react';
import type { SoftphoneState } from '../../contract/schema';
import { shallowArrayEqual } from '../equality';
import { useSoftphone } from '../hooks/useSoftphoneSelector';
import { Profiled } from '../Profiled';
import { isInProgress, isRingingIncoming } from '../selectors';
import { ActiveCall } from './ActiveCall';
import { CallSwitcher } from './CallSwitcher';
import { IncomingCall } from './IncomingCall';

function selectRingingSids(state: SoftphoneState): string[] {
  return state.calls.filter(isRingingIncoming).map((call) => call.sid);
}

function selectActiveSids(state: SoftphoneState): string[] {
  return state.calls.filter(isInProgress).map((call) => call.sid);
}

export function IncomingCalls(): JSX.Element | null {
  const sids = useSoftphone(selectRingingSids, shallowArrayEqual);
  if (sids.length === 0) return null;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      {sids.map((sid) => (
        <IncomingCall key={sid} callSid={sid} />
      ))}
    </Box>
  );
}

export function ActiveCalls(): JSX.Element | null {
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

/** Incoming calls first: they need an answer (call waiting sits beside the call in progress). */
export function CallList(): JSX.Element {
  return (
    <>
      <Profiled id="incoming-call">
        <IncomingCalls />
      </Profiled>
      <CallSwitcher />
      <ActiveCalls />
    </>
  );
}
