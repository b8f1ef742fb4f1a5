import { useCallback } from 'react';
import type { CallState, SoftphoneState } from '../../contract/schema';
import { useSoftphone } from './useSoftphoneSelector';

/** One call of the state by its stable `sid`; re-renders only when that call's object changes. */
export function useCall(callSid: string): CallState | null {
  const select = useCallback(
    (state: SoftphoneState) => state.calls.find((call) => call.sid === callSid) ?? null,
    [callSid],
  );
  return useSoftphone(select);
}
