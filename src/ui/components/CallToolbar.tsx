/**
 * The one row of call controls: Mute/Unmute, Hold/Resume, Keypad, Transfer, Hang up (labels follow the state),
 * plus Complete transfer on a consult call and Merge calls when a held call waits beside the live one.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useCallback, type JSX } from 'react';
import type { CallState, SoftphoneState } from '../../contract/schema';
import { shallowEqual } from '../equality';
import { useAction } from '../hooks/useAction';
import { useSoftphone } from '../hooks/useSoftphoneSelector';
import { useI18n } from '../i18n/I18nContext';
import { isHeld, isInProgress, liveCall } from '../selectors';
import { useSoftphoneService } from '../ServiceContext';
import { ActionError } from './ActionError';
import '../i18n/callTexts'; // this screen's texts, with its chunk

export type CallPanel = 'keypad' | 'transfer' | null;

export interface CallToolbarProps {
  call: CallState;
  panel: CallPanel;
  panelId: string;
  onPanel: (panel: CallPanel) => void;
}

/** What the other calls mean for this one: is another call live, is there a held call to merge with. */
function useLines(callSid: string) {
  const select = useCallback(
    (state: SoftphoneState) => {
      const live = liveCall(state.calls);
      const others = state.calls.filter((c) => isInProgress(c) && c.sid !== callSid);
      return {
        otherLive: live !== undefined && live.sid !== callSid,
        heldOther: others.some((c) => isHeld(c) && c.status === 'open'),
      };
    },
    [callSid],
  );
  return useSoftphone(select, shallowEqual);
}

export function CallToolbar({ call, panel, panelId, onPanel }: CallToolbarProps): JSX.Element {
  const service = useSoftphoneService();
  const { t } = useI18n();
  const lines = useLines(call.sid);
  const mute = useAction((muted: boolean) => service.mute(muted, call.sid));
  // Resuming while another call is live is a switch: that one goes on hold.
  const hold = useAction((held: boolean) =>
    !held && lines.otherLive ? service.switchCall(call.sid) : service.hold(held, call.sid),
  );
  const complete = useAction(() => service.completeTransfer(call.sid));
  const merge = useAction(() => service.merge());
  const hangup = useAction(() => service.hangup(call.sid));
  const open = call.status === 'open';
  const connected = open || call.status === 'reconnecting';
  const held = isHeld(call);
  const consult = call.consultFor !== null;
  const toggle = (which: Exclude<CallPanel, null>) => onPanel(panel === which ? null : which);
  const expandable = (which: Exclude<CallPanel, null>) => ({
    'aria-expanded': panel === which,
    'aria-controls': panel === which ? panelId : undefined,
  });

  return (
    <>
      <Box role="group" aria-label={t('call.toolbar')} sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
        <Button
          variant={call.muted ? 'contained' : 'outlined'}
          disabled={!connected || held || mute.pending}
          onClick={() => void mute.run(!call.muted)}
        >
          {call.muted ? t('call.unmute') : t('call.mute')}
        </Button>
        <Button
          variant={held ? 'contained' : 'outlined'}
          color={held ? 'warning' : 'primary'}
          disabled={!open || hold.pending}
          onClick={() => void hold.run(!held)}
        >
          {held ? t('call.resume') : t('call.hold')}
        </Button>
        <Button
          variant="outlined"
          {...expandable('keypad')}
          disabled={!connected || held}
          onClick={() => toggle('keypad')}
        >
          {t('call.keypad')}
        </Button>
        {consult ? (
          <Button variant="contained" disabled={!open || complete.pending} onClick={() => void complete.run()}>
            {t('transfer.complete')}
          </Button>
        ) : (
          <Button variant="outlined" {...expandable('transfer')} disabled={!open} onClick={() => toggle('transfer')}>
            {t('call.transfer')}
          </Button>
        )}
        {lines.heldOther && !held && (
          <Button variant="outlined" disabled={!open || merge.pending} onClick={() => void merge.run()}>
            {t('call.merge')}
          </Button>
        )}
        <Button variant="contained" color="error" disabled={hangup.pending} onClick={() => void hangup.run()}>
          {t('call.hangup')}
        </Button>
      </Box>
      {[mute, hold, complete, merge, hangup].map((action, index) => (
        <ActionError key={index} error={action.error} onClose={action.clearError} />
      ))}
    </>
  );
}
