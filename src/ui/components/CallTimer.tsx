/** Running call duration from `answeredAt`; only this component ticks, once a second, while the call is up. */
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useCallback, type JSX } from 'react';
import type { SoftphoneState } from '../../contract/schema';
import { shallowEqual } from '../equality';
import { useNow } from '../hooks/useNow';
import { useSoftphone } from '../hooks/useSoftphoneSelector';
import { formatDuration } from '../text';

export function CallTimer({ callSid }: { callSid: string }): JSX.Element | null {
  const select = useCallback(
    (state: SoftphoneState) => {
      const call = state.calls.find((c) => c.sid === callSid);
      return { answeredAt: call?.answeredAt ?? null, endedAt: call?.endedAt ?? null };
    },
    [callSid],
  );
  const { answeredAt, endedAt } = useSoftphone(select, shallowEqual);
  const now = useNow(1000, answeredAt !== null && endedAt === null);
  if (answeredAt === null) return null;
  return (
    <Typography variant="body2">
      Duration:{' '}
      <Box
        component="span"
        role="timer"
        aria-label="Call duration"
        sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 700 }}
      >
        {formatDuration((endedAt ?? now) - answeredAt)}
      </Box>
    </Typography>
  );
}
