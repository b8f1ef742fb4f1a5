import Alert from '@mui/material/Alert';
import type { JSX } from 'react';
import { errorText } from '../errors/errorText';
import type { ActionFailure } from '../hooks/useAction';
import { useI18n } from '../i18n/I18nContext';

/** The failure of one control's action, announced assertively next to that control: what happened, what next. */
export function ActionError(props: {
  error: ActionFailure | null;
  onClose?: () => void;
  /** Wording around the title, e.g. "Call failed: {reason}". */
  wrap?: (title: string) => string;
}): JSX.Element | null {
  const i18n = useI18n();
  if (!props.error) return null;
  const text = errorText(props.error.code, props.error.message, i18n);
  return (
    <Alert severity="error" role="alert" onClose={props.onClose} closeText={i18n.t('app.close')} sx={{ mt: 1 }}>
      {props.wrap ? props.wrap(text.title) : text.title}
      {text.next ? ` ${text.next}` : ''}
    </Alert>
  );
}
