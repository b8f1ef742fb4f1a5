/** In-call DTMF: a 12-key pad sending one tone per key, and a field for sequences (with w pauses). */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useState, type FormEvent, type JSX } from 'react';
import { DTMF_PATTERN, MAX_DTMF_LENGTH } from '../../contract/digits';
import { useAction } from '../hooks/useAction';
import { useI18n } from '../i18n/I18nContext';
import { useSoftphoneService } from '../ServiceContext';
import { ActionError } from './ActionError';
import { TextInputField } from './Field';
import { Keypad } from './Keypad';
import '../i18n/callTexts'; // this screen's texts, with its chunk

export function CallTones({ callSid }: { callSid: string }): JSX.Element {
  const service = useSoftphoneService();
  const { t } = useI18n();
  const [sequence, setSequence] = useState('');
  const send = useAction((digits: string) => service.sendDigits(digits, callSid));
  const valid = sequence.length > 0 && sequence.length <= MAX_DTMF_LENGTH && DTMF_PATTERN.test(sequence);
  const invalid = sequence.length > 0 && !valid;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    if (await send.run(sequence)) setSequence('');
  };

  return (
    <Box>
      <Keypad
        label={t('keypad.group')}
        keyName={(key) => t('keypad.tone', { key })}
        onKey={(key) => void send.run(key)}
      />
      <Box
        component="form"
        noValidate
        onSubmit={(event: FormEvent) => void submit(event)}
        sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'flex-start' }}
      >
        <TextInputField
          label={t('keypad.tones')}
          value={sequence}
          onChange={(event) => setSequence(event.target.value)}
          error={invalid}
          helperText={invalid ? t('keypad.tonesInvalid') : t('keypad.tonesHint')}
          autoComplete="off"
          sx={{ flex: '1 1 10em', minWidth: 0 }}
        />
        <Button type="submit" variant="outlined" disabled={!valid || send.pending}>
          {t('keypad.send')}
        </Button>
      </Box>
      <ActionError error={send.error} onClose={send.clearError} />
    </Box>
  );
}
