/**
 * The service's `lastError`: transient errors as a snackbar, blocking ones inline with the explanation,
 * the suggested solutions and a next step (allow microphone, retry, register again). Dismiss clears it.
 */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Snackbar from '@mui/material/Snackbar';
import type { JSX } from 'react';
import type { LastError, SoftphoneState } from '../../contract/schema';
import { useAction } from '../hooks/useAction';
import { useSoftphone } from '../hooks/useSoftphoneSelector';
import { nextStepFor } from '../errorSteps';
import { useSoftphoneService } from '../ServiceContext';
import { ActionError } from './ActionError';

const TRANSIENT_HIDE_MS = 8000;

/**
 * While the device state says `reconnecting` (and so that it resumes on its own), a transient "connection
 * failed" from the Device would only contradict it; blocking errors (e.g. a refused token) still show.
 */
function selectLastError(state: SoftphoneState): LastError | null {
  const error = state.lastError;
  if (error && state.device.state === 'reconnecting' && error.source === 'device' && error.severity === 'transient')
    return null;
  return error;
}

function BlockingError({ error }: { error: LastError }): JSX.Element {
  const service = useSoftphoneService();
  const step = nextStepFor(error);
  const runStep = useAction(async () => {
    await step?.run(service);
    // Clear only the error we acted on; the service may already have reported a newer one.
    if (service.getState().lastError === error) service.clearError();
  });

  return (
    <Alert severity="error" role="alert" sx={{ '& .MuiAlert-message': { width: '100%' } }}>
      <AlertTitle>{error.message}</AlertTitle>
      {error.explanation && error.explanation !== error.message && (
        <Box component="p" sx={{ m: 0 }}>
          {error.explanation}
        </Box>
      )}
      {error.solutions.length > 0 && (
        <Box component="ul" aria-label="Possible solutions" sx={{ my: 0.5, pl: 2.5 }}>
          {error.solutions.map((solution) => (
            <li key={solution}>{solution}</li>
          ))}
        </Box>
      )}
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 1 }}>
        {step && (
          <Button
            size="small"
            variant="contained"
            color="error"
            disabled={runStep.pending}
            onClick={() => void runStep.run()}
          >
            {step.label}
          </Button>
        )}
        <Button size="small" variant="outlined" color="inherit" onClick={() => service.clearError()}>
          Dismiss
        </Button>
      </Box>
      <ActionError error={runStep.error} onClose={runStep.clearError} />
    </Alert>
  );
}

/** "The line is busy." + "The callee is busy." reads as two sentences, never "busy.: The". */
function joinSentences(first: string, second: string): string {
  return /[.!?]$/.test(first.trim()) ? `${first.trim()} ${second}` : `${first}: ${second}`;
}

export function ErrorDisplay(): JSX.Element | null {
  const service = useSoftphoneService();
  const error = useSoftphone(selectLastError);
  if (!error) return null;
  if (error.severity === 'blocking') return <BlockingError key={error.at} error={error} />;
  const text =
    error.explanation && error.explanation !== error.message
      ? joinSentences(error.message, error.explanation)
      : error.message;
  return (
    <Snackbar
      key={error.at}
      open
      autoHideDuration={TRANSIENT_HIDE_MS}
      onClose={(_event, reason) => {
        if (reason !== 'clickaway') service.clearError();
      }}
      message={text}
      action={
        <Button size="small" color="inherit" onClick={() => service.clearError()}>
          Dismiss
        </Button>
      }
      // Inside the parcel, not fixed to the host page's viewport corner.
      sx={{ position: 'absolute' }}
    />
  );
}
