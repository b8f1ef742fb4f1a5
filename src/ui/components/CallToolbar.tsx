/** The one row of call controls: Mute/Unmute, Hold/Resume, Keypad, Transfer, Hang up (labels follow the state). */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import type { JSX } from 'react';
import type { CallState } from '../../contract/schema';
import { useAction } from '../hooks/useAction';
import { useI18n } from '../i18n/I18nContext';
import { isHeld } from '../selectors';
import { useSoftphoneService } from '../ServiceContext';
import { ActionError } from './ActionError';

export type CallPanel = 'keypad' | 'transfer' | null;

export interface CallToolbarProps {
  call: CallState;
  panel: CallPanel;
  panelId: string;
  onPanel: (panel: CallPanel) => void;
}

export function CallToolbar({ call, panel, panelId, onPanel }: CallToolbarProps): JSX.Element {
  const service = useSoftphoneService();
  const { t } = useI18n();
  const mute = useAction((muted: boolean) => service.mute(muted, call.sid));
  const hangup = useAction(() => service.hangup(call.sid));
  const connected = call.status === 'open' || call.status === 'reconnecting';
  const held = isHeld(call);
  const toggle = (which: Exclude<CallPanel, null>) => onPanel(panel === which ? null : which);

  return (
    <>
      <Box role="group" aria-label={t('call.toolbar')} sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
        <Button
          variant={call.muted ? 'contained' : 'outlined'}
          disabled={!connected || mute.pending}
          onClick={() => void mute.run(!call.muted)}
        >
          {call.muted ? t('call.unmute') : t('call.mute')}
        </Button>
        <Button
          variant="outlined"
          aria-expanded={panel === 'keypad'}
          aria-controls={panel === 'keypad' ? panelId : undefined}
          disabled={!connected || held}
          onClick={() => toggle('keypad')}
        >
          {t('call.keypad')}
        </Button>
        <Button variant="contained" color="error" disabled={hangup.pending} onClick={() => void hangup.run()}>
          {t('call.hangup')}
        </Button>
      </Box>
      <ActionError error={mute.error} onClose={mute.clearError} />
      <ActionError error={hangup.error} onClose={hangup.clearError} />
    </>
  );
}
