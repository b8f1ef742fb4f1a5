/** In-call DTMF: a 12-key pad sending one tone per key, and a field for sequences (with w pauses). */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import { useState, type FormEvent, type JSX } from 'react';
import { validateDigits } from '../../contract/validation';
import { useAction } from '../hooks/useAction';
import { useSoftphoneService } from '../ServiceContext';
import { ActionError } from './ActionError';
import { Keypad } from './Keypad';

export function CallTones({ callSid }: { callSid: string }): JSX.Element {
  const service = useSoftphoneService();
  const [sequence, setSequence] = useState('');
  const send = useAction((digits: string) => service.sendDigits(digits, callSid));
  const checked = sequence === '' ? null : validateDigits(sequence);
  const invalidReason = checked && !checked.ok ? checked.reason : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!checked || !checked.ok) return;
    if (await send.run(checked.digits)) setSequence('');
  };

  return (
    <Box>
      <Keypad label="Call keypad" keyName={(key) => `Send tone ${key}`} onKey={(key) => void send.run(key)} />
      <Box
        component="form"
        noValidate
        onSubmit={(event: FormEvent) => void submit(event)}
        sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}
      >
        <TextField
          size="small"
          label="Tones"
          value={sequence}
          onChange={(event) => setSequence(event.target.value)}
          error={invalidReason !== null}
          helperText={invalidReason ?? '0-9, *, # and w for a half-second pause.'}
          autoComplete="off"
          sx={{ flex: 1, minWidth: 0 }}
        />
        <Button type="submit" variant="outlined" disabled={!checked || !checked.ok || send.pending}>
          Send tones
        </Button>
      </Box>
      <ActionError error={send.error} onClose={send.clearError} />
    </Box>
  );
}
