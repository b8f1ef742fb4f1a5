/**
 * With two or more calls in progress: the list of them, which one is live and which are on hold (and for how
 * long), with Switch to move the conversation to a held one. Only this list ticks (every 5 s) for the hold times.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useId, type JSX } from 'react';
import type { CallState, SoftphoneState } from '../../contract/schema';
import { shallowArrayEqual } from '../equality';
import { partyName, peerOf } from '../format';
import { useAction } from '../hooks/useAction';
import { useNow } from '../hooks/useNow';
import { useSoftphone } from '../hooks/useSoftphoneSelector';
import { useI18n } from '../i18n/I18nContext';
import { isHeld, isInProgress } from '../selectors';
import { useSoftphoneService } from '../ServiceContext';
import { ActionError } from './ActionError';
import '../i18n/callTexts'; // this screen's texts, with its chunk

function selectInProgress(state: SoftphoneState): CallState[] {
  return state.calls.filter(isInProgress);
}

function CallRow({ call, now }: { call: CallState; now: number }): JSX.Element {
  const service = useSoftphoneService();
  const i18n = useI18n();
  const { t } = i18n;
  const switchTo = useAction(() => service.switchCall(call.sid));
  const name = partyName(peerOf(call), t);
  const held = isHeld(call);
  return (
    <Box component="li" sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1, py: 0.5 }}>
      <Box sx={{ mr: 'auto', minWidth: 0 }}>
        <Typography variant="body2" sx={{ fontWeight: 700 }}>
          {name}
          {call.conferenceSid ? ` · ${t('calls.conference')}` : ''}
        </Typography>
        <Typography variant="caption" color={held ? 'text.secondary' : 'success.dark'}>
          {held ? t('calls.heldFor', { duration: i18n.span(now - (call.heldAt ?? now)) }) : t('calls.live')}
        </Typography>
      </Box>
      {held && call.status === 'open' && (
        <Button size="small" variant="outlined" disabled={switchTo.pending} onClick={() => void switchTo.run()}>
          {t('calls.switch', { name })}
        </Button>
      )}
      <ActionError error={switchTo.error} onClose={switchTo.clearError} />
    </Box>
  );
}

export function CallSwitcher(): JSX.Element | null {
  const { t } = useI18n();
  const calls = useSoftphone(selectInProgress, shallowArrayEqual);
  const headingId = useId();
  const now = useNow(5_000, calls.length > 1 && calls.some(isHeld));
  if (calls.length < 2) return null;
  return (
    <Box
      component="section"
      aria-labelledby={headingId}
      sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1 }}
    >
      <Typography id={headingId} component="h3" variant="subtitle2" sx={{ fontWeight: 700 }}>
        {t('calls.list')}
      </Typography>
      <Box component="ul" aria-labelledby={headingId} sx={{ listStyle: 'none', m: 0, p: 0 }}>
        {calls.map((call) => (
          <CallRow key={call.sid} call={call} now={now} />
        ))}
      </Box>
    </Box>
  );
}
