/**
 * The service's `lastError`, shown once, inline, until dismissed or resolved: what happened (from the error code,
 * in the person's language), what to do next, and the action that can fix it (allow microphone, retry, register
 * again, call again). A microphone error goes away by itself once the microphone is allowed.
 */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import type { JSX } from 'react';
import type { LastError, SoftphoneState } from '../../contract/schema';
import { errorText } from '../errors/errorText';
import { isMicrophoneError, nextStepFor } from '../errors/nextStep';
import { useAction } from '../hooks/useAction';
import { useSoftphone } from '../hooks/useSoftphoneSelector';
import { useI18n } from '../i18n/I18nContext';
import type { Translator } from '../i18n/translator';
import { useSoftphoneService } from '../ServiceContext';
import { ActionError } from './ActionError';

/**
 * While the device state says `reconnecting` (and so that it resumes on its own), a transient "connection
 * failed" from the Device would only contradict it; blocking errors (e.g. a refused token) still show. A
 * microphone error is over once the permission is granted.
 */
function selectLastError(state: SoftphoneState): LastError | null {
  const error = state.lastError;
  if (!error) return null;
  if (state.device.state === 'reconnecting' && error.source === 'device' && error.severity === 'transient') return null;
  if (isMicrophoneError(error) && state.microphone.permission === 'granted') return null;
  return error;
}

function selectRegistered(state: SoftphoneState): boolean {
  return state.device.state === 'registered';
}

interface Wording {
  title: string;
  next: string | null;
  solutions: readonly string[];
}

function wordingOf(error: LastError, registered: boolean, i18n: Translator): Wording {
  // Registered with a blocked microphone: calls still arrive, they just carry no voice from here.
  if (isMicrophoneError(error) && registered)
    return { title: i18n.t('mic.oneWay'), next: null, solutions: [i18n.t('mic.oneWayNext')] };
  const text = errorText(error.code, error.message, i18n);
  if (text.known) return { title: text.title, next: null, solutions: text.next ? [text.next] : [] };
  const explanation = error.explanation && error.explanation !== error.message ? error.explanation : null;
  return { title: text.title, next: explanation, solutions: error.solutions };
}

function ErrorPanel({ error }: { error: LastError }): JSX.Element {
  const service = useSoftphoneService();
  const i18n = useI18n();
  const registered = useSoftphone(selectRegistered);
  const step = nextStepFor(error, service.getState());
  const runStep = useAction(async () => {
    await step?.run(service);
    // Clear only the error we acted on; the service may already have reported a newer one.
    if (service.getState().lastError === error) service.clearError();
  });
  const wording = wordingOf(error, registered, i18n);

  return (
    <Alert
      severity={error.severity === 'blocking' ? 'error' : 'warning'}
      role="alert"
      sx={{ '& .MuiAlert-message': { width: '100%', minWidth: 0 } }}
    >
      <AlertTitle>{wording.title}</AlertTitle>
      {wording.next && (
        <Box component="p" sx={{ m: 0 }}>
          {wording.next}
        </Box>
      )}
      {wording.solutions.length > 0 && (
        <Box component="ul" aria-label={i18n.t('error.solutions')} sx={{ my: 0.5, pl: 2.5 }}>
          {wording.solutions.map((solution) => (
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
            {i18n.t(step.label)}
          </Button>
        )}
        <Button size="small" variant="outlined" color="inherit" onClick={() => service.clearError()}>
          {i18n.t('error.dismiss')}
        </Button>
      </Box>
      <ActionError error={runStep.error} onClose={runStep.clearError} />
    </Alert>
  );
}

export function ErrorDisplay(): JSX.Element | null {
  const error = useSoftphone(selectLastError);
  if (!error) return null;
  return <ErrorPanel key={error.at} error={error} />;
}
