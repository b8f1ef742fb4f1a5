/** Says which saved audio choice no longer exists (the default is used instead). */
import Alert from '@mui/material/Alert';
import type { JSX } from 'react';
import type { SavedDeviceKind, SoftphoneState } from '../../contract/schema';
import { shallowArrayEqual } from '../equality';
import { useSoftphone } from '../hooks/useSoftphoneSelector';

const NAMES: Record<SavedDeviceKind, string> = { input: 'microphone', output: 'speaker', ringtone: 'ringtone output' };
const NONE: readonly SavedDeviceKind[] = [];

function selectMissing(state: SoftphoneState): readonly SavedDeviceKind[] {
  return state.audio.savedDeviceMissing ?? NONE;
}

export function SavedDeviceNote(): JSX.Element | null {
  const missing = useSoftphone(selectMissing, shallowArrayEqual);
  if (missing.length === 0) return null;
  const names = missing.map((kind) => NAMES[kind]).join(', ');
  return (
    <Alert severity="warning" role="status" aria-label="Saved audio device missing">
      Your saved {names} is no longer available; the default is used instead.
    </Alert>
  );
}
