/**
 * The ringing incoming calls (in the mount chunk: a ringing call must show at once) and the calls in progress
 * (lazily loaded call screens, see LazyCallScreens.tsx).
 */
import Box from '@mui/material/Box';
import type { JSX } from 'react';
import type { SoftphoneState } from '../../contract/schema';
import { shallowArrayEqual } from '../equality';
import { useSoftphone } from '../hooks/useSoftphoneSelector';
import { Profiled } from '../Profiled';
import { isRingingIncoming } from '../selectors';
import { IncomingCall } from './IncomingCall';
import { CallsInProgress } from './LazyCallScreens';

function selectRingingSids(state: SoftphoneState): string[] {
  return state.calls.filter(isRingingIncoming).map((call) => call.sid);
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

/** Incoming calls first: they need an answer (call waiting sits beside the call in progress). */
export function CallList(): JSX.Element {
  return (
    <>
      <Profiled id="incoming-call">
        <IncomingCalls />
      </Profiled>
      <CallsInProgress />
    </>
  );
}
