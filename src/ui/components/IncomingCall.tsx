/**
 * A ringing incoming call: caller, custom parameters (as text), Accept / Reject / Ignore. Beside a call in
 * progress it is call waiting (accepting holds the current call). It is announced by the live region; focus moves
 * to Accept only when the person was not typing.
 */
import PhoneInTalkIcon from '@mui/icons-material/PhoneInTalk';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { keyframes } from '@emotion/react';
import { useEffect, useId, useRef, type JSX } from 'react';
import { mayTakeFocus, softphoneRootOf } from '../focusPolicy';
import { partyName } from '../format';
import { useAction } from '../hooks/useAction';
import { useCall } from '../hooks/useCall';
import { useRingingTitle } from '../hooks/useRingingTitle';
import { useSoftphone } from '../hooks/useSoftphoneSelector';
import { useI18n } from '../i18n/I18nContext';
import { isLineBusy } from '../selectors';
import { useSoftphoneService } from '../ServiceContext';
import { ActionError } from './ActionError';

const ring = keyframes`
  0%, 100% { transform: rotate(0deg); }
  20% { transform: rotate(-15deg); }
  40% { transform: rotate(15deg); }
  60% { transform: rotate(-10deg); }
`;

export function IncomingCall({ callSid }: { callSid: string }): JSX.Element | null {
  const service = useSoftphoneService();
  const { t } = useI18n();
  const call = useCall(callSid);
  const waiting = useSoftphone(isLineBusy);
  const accept = useAction(() => service.accept(callSid));
  const reject = useAction(() => service.reject(callSid));
  const ignore = useAction(() => service.ignore(callSid));
  const acceptButton = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  const noteId = useId();
  const caller = partyName(call?.from ?? null, t);
  const pending = accept.pending || reject.pending || ignore.pending;
  const error = accept.error ?? reject.error ?? ignore.error;

  useRingingTitle(call !== null, t('incoming.docTitle', { name: caller }));

  useEffect(() => {
    const button = acceptButton.current;
    if (button && mayTakeFocus(softphoneRootOf(button))) button.focus();
  }, [callSid]);

  if (!call) return null;
  const parameters = Object.entries(call.customParameters);

  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      variant="outlined"
      sx={{ p: 1.5, borderWidth: 2, borderColor: 'success.dark', bgcolor: 'background.paper' }}
    >
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
        <PhoneInTalkIcon
          aria-hidden
          sx={{
            color: 'success.dark',
            animation: `${ring} 1s ease-in-out infinite`,
            '@media (prefers-reduced-motion: reduce)': { animation: 'none' },
          }}
        />
        <Typography id={headingId} component="h3" variant="subtitle1" sx={{ fontWeight: 700 }}>
          {waiting ? t('incoming.waiting') : t('incoming.title')}
        </Typography>
        <Typography variant="body2" sx={{ ml: 'auto', fontWeight: 700, color: 'success.dark' }}>
          {t('incoming.ringing')}
        </Typography>
      </Box>
      <Typography variant="body1" sx={{ overflowWrap: 'anywhere' }}>
        {t('incoming.from', { name: caller })}
      </Typography>
      <CallDetails parameters={parameters} label={t('incoming.details')} />
      {waiting && (
        <Typography id={noteId} variant="body2">
          {t('incoming.acceptHolds')}
        </Typography>
      )}
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 1 }}>
        <Button
          ref={acceptButton}
          variant="contained"
          color="success"
          disabled={pending}
          aria-describedby={waiting ? noteId : undefined}
          onClick={() => void accept.run()}
        >
          {t('incoming.accept')}
        </Button>
        <Button variant="contained" color="error" disabled={pending} onClick={() => void reject.run()}>
          {t('incoming.reject')}
        </Button>
        <Button variant="outlined" disabled={pending} onClick={() => void ignore.run()}>
          {t('incoming.ignore')}
        </Button>
      </Box>
      <ActionError error={error} />
    </Paper>
  );
}

/** The call's custom parameters as a definition list (names and values are the caller's text, never markup). */
function CallDetails(props: { parameters: Array<[string, string]>; label: string }): JSX.Element | null {
  if (props.parameters.length === 0) return null;
  return (
    <Box
      component="dl"
      aria-label={props.label}
      sx={{ m: 0, mt: 0.5, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 1 }}
    >
      {props.parameters.map(([name, value]) => (
        <Box key={name} sx={{ display: 'contents' }}>
          <Typography component="dt" variant="body2" sx={{ fontWeight: 700, overflowWrap: 'anywhere' }}>
            {name}
          </Typography>
          <Typography component="dd" variant="body2" sx={{ m: 0, overflowWrap: 'anywhere' }}>
            {value}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
