import Typography from '@mui/material/Typography';
import type { JSX } from 'react';
import { useNow } from '../hooks/useNow';
import { useI18n } from '../i18n/I18nContext';

/** How long ago the gateway last confirmed the registration (re-evaluated every 5 s). */
export function RegistrationAge({ confirmedAt }: { confirmedAt: number | null }): JSX.Element | null {
  const i18n = useI18n();
  const now = useNow(5_000, confirmedAt !== null);
  if (confirmedAt === null) return null;
  return (
    <Typography variant="body2">{i18n.t('registration.confirmed', { ago: i18n.ago(now - confirmedAt) })}</Typography>
  );
}
