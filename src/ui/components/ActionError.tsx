import Alert from '@mui/material/Alert';
import type { JSX } from 'react';

/** The failure of one control's action, announced assertively next to that control. */
export function ActionError(props: { error: string | null; onClose?: () => void }): JSX.Element | null {
  if (!props.error) return null;
  return (
    <Alert severity="error" role="alert" onClose={props.onClose} sx={{ mt: 1 }}>
      {props.error}
    </Alert>
  );
}
