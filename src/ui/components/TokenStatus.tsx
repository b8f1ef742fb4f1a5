import Typography from '@mui/material/Typography';
import type { JSX } from 'react';
import { useNow } from '../hooks/useNow';
import { useI18n } from '../i18n/I18nContext';

/** Below this the expiry is shown as a warning: the service should have refreshed the token by now. */
const SOON_MS = 5 * 60_000;

/** Access-token expiry, re-evaluated every 15 s so "expired" appears without a state change. */
export function TokenStatus({ expiresAt }: { expiresAt: number | null }): JSX.Element {
  const i18n = useI18n();
  const now = useNow(15_000, expiresAt !== null);
  if (expiresAt === null) return <Typography variant="body2">{i18n.t('token.none')}</Typography>;
  const left = expiresAt - now;
  if (left <= 0) {
    return (
      <Typography variant="body2" color="error">
        {i18n.t('token.expired')}
      </Typography>
    );
  }
  if (left < SOON_MS) {
    return (
      <Typography variant="body2" sx={{ fontWeight: 700 }}>
        {i18n.t('token.soon', { minutes: Math.max(1, Math.round(left / 60_000)) })}
      </Typography>
    );
  }
  return <Typography variant="body2">{i18n.t('token.valid', { time: i18n.time(expiresAt) })}</Typography>;
}
