/** Running call duration from `answeredAt`; only this component ticks, once a second, while the call is up. */
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useCallback, type JSX } from 'react';
import type { SoftphoneState } from '../../contract/schema';
import { shallowEqual } from '../equality';
import { useNow } from '../hooks/useNow';
import { useSoftphone } from '../hooks/useSoftphoneSelector';
import { useI18n } from '../i18n/I18nContext';
import '../i18n/callTexts'; // this screen's texts, with its chunk

export function CallTimer({ callSid }: { callSid: string }): JSX.Element | null {
  const i18n = useI18n();
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
      {i18n.t('call.duration')}{' '}
      <Box
        component="span"
        role="timer"
        aria-label={i18n.t('call.durationLabel')}
        sx={{ fontVariantNumeric: 'tabular-nums', fontWeight: 700 }}
      >
        {i18n.clock((endedAt ?? now) - answeredAt)}
      </Box>
    </Typography>
  );
}
