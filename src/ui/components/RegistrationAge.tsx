import Typography from '@mui/material/Typography';
import type { JSX } from 'react';
import { useNow } from '../hooks/useNow';

function ago(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  return minutes < 60 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`;
}

/** How long ago the gateway last confirmed the registration (re-evaluated every 5 s). */
export function RegistrationAge({ confirmedAt }: { confirmedAt: number | null }): JSX.Element | null {
  const now = useNow(5_000, confirmedAt !== null);
  if (confirmedAt === null) return null;
  return <Typography variant="body2">Registration confirmed {ago(now - confirmedAt)}</Typography>;
}
