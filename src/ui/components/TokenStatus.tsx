import Typography from '@mui/material/Typography';
import type { JSX } from 'react';
import { useNow } from '../hooks/useNow';

/** Below this the expiry is shown as a warning: the service should have refreshed the token by now. */
const SOON_MS = 5 * 60_000;

function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** Access-token expiry, re-evaluated every 15 s so "expired" appears without a state change. */
export function TokenStatus({ expiresAt }: { expiresAt: number | null }): JSX.Element {
  const now = useNow(15_000, expiresAt !== null);
  if (expiresAt === null) return <Typography variant="body2">Token: none yet</Typography>;
  const left = expiresAt - now;
  if (left <= 0) {
    return (
      <Typography variant="body2" color="error">
        Token: expired
      </Typography>
    );
  }
  if (left < SOON_MS) {
    return (
      <Typography variant="body2" sx={{ fontWeight: 700 }}>
        Token: expires in {Math.max(1, Math.round(left / 60_000))} min
      </Typography>
    );
  }
  return <Typography variant="body2">Token: valid until {clockTime(expiresAt)}</Typography>;
}
