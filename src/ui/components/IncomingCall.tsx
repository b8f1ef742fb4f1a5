/** A ringing incoming call: caller, custom parameters (as text), Accept / Reject / Ignore. */
import PhoneInTalkIcon from '@mui/icons-material/PhoneInTalk';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { keyframes } from '@emotion/react';
import { useEffect, useId, useRef, type JSX } from 'react';
import { useAction } from '../hooks/useAction';
import { useCall } from '../hooks/useCall';
import { useRingingTitle } from '../hooks/useRingingTitle';
import { partyName } from '../text';
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
  const call = useCall(callSid);
  const accept = useAction(() => service.accept(callSid));
  const reject = useAction(() => service.reject(callSid));
  const ignore = useAction(() => service.ignore(callSid));
  const acceptButton = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  const caller = partyName(call?.from ?? null);
  const pending = accept.pending || reject.pending || ignore.pending;
  const error = accept.error ?? reject.error ?? ignore.error;

  useRingingTitle(call !== null, `Incoming call from ${caller}`);

  // A new ringing call takes focus so a keyboard user can answer at once.
  useEffect(() => {
    acceptButton.current?.focus();
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
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <PhoneInTalkIcon
          aria-hidden
          sx={{
            color: 'success.dark',
            animation: `${ring} 1s ease-in-out infinite`,
            '@media (prefers-reduced-motion: reduce)': { animation: 'none' },
          }}
        />
        <Typography id={headingId} component="h3" variant="subtitle1" sx={{ fontWeight: 700 }}>
          Incoming call
        </Typography>
        <Typography variant="body2" sx={{ ml: 'auto', fontWeight: 700, color: 'success.dark' }}>
          Ringing
        </Typography>
      </Box>
      <Typography variant="body1" sx={{ overflowWrap: 'anywhere' }}>
        From: {caller}
      </Typography>
      <CallDetails parameters={parameters} />
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 1 }}>
        <Button
          ref={acceptButton}
          variant="contained"
          color="success"
          disabled={pending}
          onClick={() => void accept.run()}
        >
          Accept
        </Button>
        <Button variant="contained" color="error" disabled={pending} onClick={() => void reject.run()}>
          Reject
        </Button>
        <Button variant="outlined" disabled={pending} onClick={() => void ignore.run()}>
          Ignore
        </Button>
      </Box>
      <ActionError error={error} />
    </Paper>
  );
}

/** The call's custom parameters as a definition list (names and values are the caller's text, never markup). */
function CallDetails({ parameters }: { parameters: Array<[string, string]> }): JSX.Element | null {
  if (parameters.length === 0) return null;
  return (
    <Box
      component="dl"
      aria-label="Call details"
      sx={{ m: 0, mt: 0.5, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 1 }}
    >
      {parameters.map(([name, value]) => (
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
