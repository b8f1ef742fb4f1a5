/** Number / client:name entry validated as you type, a 12-key pad, and the Call button with its reason. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useId, useState, type FormEvent, type JSX } from 'react';
import type { SoftphoneState } from '../../contract/schema';
import { parseDialTarget } from '../../contract/validation';
import { shallowEqual } from '../equality';
import { useAction } from '../hooks/useAction';
import { useSoftphone } from '../hooks/useSoftphoneSelector';
import { isLineBusy } from '../selectors';
import { useSoftphoneService } from '../ServiceContext';
import { Keypad } from './Keypad';

function selectDialReadiness(state: SoftphoneState) {
  return {
    deviceState: state.device.state,
    permission: state.microphone.permission,
    busy: isLineBusy(state),
  };
}

type Readiness = ReturnType<typeof selectDialReadiness>;

/** Why the device cannot place a call right now, or null when it can. */
export function cannotDialReason(readiness: Readiness): string | null {
  if (readiness.permission === 'denied') return 'Microphone access is blocked. Allow the microphone to place calls.';
  if (readiness.permission === 'unavailable') return 'No microphone was found. Connect one to place calls.';
  if (readiness.deviceState === 'reconnecting') return 'Reconnecting to the call service; this resumes on its own.';
  if (readiness.deviceState !== 'registered')
    return `Not registered (${readiness.deviceState}). Register to place calls.`;
  if (readiness.busy) return 'Busy: finish the current call before placing another.';
  return null;
}

const HINT = 'A number with + and country code (e.g. +14155550100) or client:name.';

export function DialPad(): JSX.Element {
  const service = useSoftphoneService();
  const readiness = useSoftphone(selectDialReadiness, shallowEqual);
  const [input, setInput] = useState('');
  const dial = useAction((to: string) => service.dial(to));
  const reasonId = useId();

  const parsed = input.trim() === '' ? null : parseDialTarget(input);
  const invalidReason = parsed && !parsed.ok ? parsed.reason : null;
  const blockedReason = cannotDialReason(readiness);
  const canCall = parsed !== null && parsed.ok && blockedReason === null && !dial.pending;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!parsed || !parsed.ok || blockedReason !== null) return;
    if (await dial.run(parsed.target.to)) setInput('');
  };

  return (
    // Deliberately unnamed: a named form is a landmark, and every softphone on a page has one.
    <Box component="form" noValidate onSubmit={(event: FormEvent) => void submit(event)}>
      <TextField
        fullWidth
        size="small"
        label="Number or client name"
        value={input}
        onChange={(event) => {
          setInput(event.target.value);
          dial.clearError();
        }}
        error={invalidReason !== null}
        helperText={invalidReason ?? HINT}
        autoComplete="off"
        // `name` is the stable hook for scripts (the form has no accessible name to select it by).
        name="to"
        slotProps={{ htmlInput: { spellCheck: false, inputMode: 'tel', maxLength: 256 } }}
      />
      <Keypad label="Dial pad" onKey={(key) => setInput((value) => value + key)} />
      <Box sx={{ display: 'flex', gap: 1 }}>
        <Button
          type="submit"
          variant="contained"
          color="success"
          disabled={!canCall}
          aria-describedby={blockedReason ? reasonId : undefined}
          sx={{ flex: 1 }}
        >
          Call
        </Button>
        <Button
          type="button"
          variant="outlined"
          disabled={input.length === 0}
          onClick={() => setInput((value) => value.slice(0, -1))}
        >
          Delete
        </Button>
      </Box>
      {blockedReason && (
        <Typography id={reasonId} variant="body2" sx={{ mt: 1 }}>
          {blockedReason}
        </Typography>
      )}
      {dial.error && (
        <Alert severity="error" role="alert" sx={{ mt: 1 }} onClose={dial.clearError}>
          Call failed: {dial.error}
        </Alert>
      )}
    </Box>
  );
}
