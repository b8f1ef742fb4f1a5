/** Says which saved audio choice no longer exists (the default is used instead). */
import Alert from '@mui/material/Alert';
import type { JSX } from 'react';
import type { SavedDeviceKind, SoftphoneState } from '../../contract/schema';
import { shallowArrayEqual } from '../equality';
import { useSoftphone } from '../hooks/useSoftphoneSelector';
import type { MessageKey } from '../i18n/catalog';
import { useI18n } from '../i18n/I18nContext';

const NAMES: Record<SavedDeviceKind, MessageKey> = {
  input: 'settings.kind.input',
  output: 'settings.kind.output',
  ringtone: 'settings.kind.ringtone',
};
const NONE: readonly SavedDeviceKind[] = [];

function selectMissing(state: SoftphoneState): readonly SavedDeviceKind[] {
  return state.audio.savedDeviceMissing ?? NONE;
}

export function SavedDeviceNote(): JSX.Element | null {
  const { t, locale } = useI18n();
  const missing = useSoftphone(selectMissing, shallowArrayEqual);
  if (missing.length === 0) return null;
  const names = new Intl.ListFormat(locale, { type: 'conjunction' }).format(missing.map((kind) => t(NAMES[kind])));
  return (
    <Alert severity="warning" role="status" aria-label={t('settings.savedMissingLabel')}>
      {t(missing.length > 1 ? 'settings.savedMissingMany' : 'settings.savedMissing', { names })}
    </Alert>
  );
}
