/**
 * Transfer the call: a target field validated as you type (numbers, national numbers with the default country,
 * names), and how: now (blind: they go to the new person, our call ends) or talk first (warm: they wait on hold
 * while we consult; Complete transfer then joins them).
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import { useId, useState, type FormEvent, type JSX } from 'react';
import type { CallState, TransferMode } from '../../contract/schema';
import { dialInputHelper, readDialInput } from '../dialInput';
import { usePhoneNumbers } from '../hooks/usePhoneNumbers';
import { partyName, peerOf } from '../format';
import { useAction } from '../hooks/useAction';
import { useI18n } from '../i18n/I18nContext';
import { useSoftphoneService } from '../ServiceContext';
import { useUiOptions } from '../UiOptions';
import { ActionError } from './ActionError';
import { TextInputField } from './Field';
import '../i18n/callTexts'; // this screen's texts, with its chunk

export function TransferPanel({ call, onDone }: { call: CallState; onDone: () => void }): JSX.Element {
  const service = useSoftphoneService();
  const { t } = useI18n();
  const { defaultCountry } = useUiOptions();
  const [target, setTarget] = useState('');
  const [mode, setMode] = useState<TransferMode>('blind');
  const transfer = useAction((to: string, how: TransferMode) => service.transfer(to, call.sid, how));
  const modeLabelId = useId();
  const name = partyName(peerOf(call), t);
  const phone = usePhoneNumbers(/[0-9]/.test(target));
  const parsed = readDialInput(target, defaultCountry, phone);
  const helper = dialInputHelper(parsed, t('transfer.hint'), t);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!parsed || !parsed.ok) return;
    if (await transfer.run(parsed.to, mode)) onDone();
  };

  return (
    <Box
      component="form"
      noValidate
      onSubmit={(event: FormEvent) => void submit(event)}
      sx={{ display: 'flex', flexDirection: 'column', gap: 1, mt: 1 }}
    >
      <TextInputField
        label={t('transfer.target')}
        name="transferTo"
        value={target}
        onChange={(event) => {
          setTarget(event.target.value);
          transfer.clearError();
        }}
        error={parsed !== null && !parsed.ok}
        helperText={helper}
        autoComplete="off"
        htmlInput={{ spellCheck: false, maxLength: 256 }}
      />
      <FormControl>
        <FormLabel id={modeLabelId}>{t('transfer.mode')}</FormLabel>
        <RadioGroup
          aria-labelledby={modeLabelId}
          value={mode}
          onChange={(event) => setMode(event.target.value === 'warm' ? 'warm' : 'blind')}
        >
          <FormControlLabel value="blind" control={<Radio size="small" />} label={t('transfer.blind')} />
          <FormControlLabel value="warm" control={<Radio size="small" />} label={t('transfer.consult')} />
        </RadioGroup>
      </FormControl>
      <Box component="p" sx={{ m: 0, typography: 'body2' }}>
        {mode === 'blind' ? t('transfer.blindHint', { name }) : t('transfer.consultHint', { name })}
      </Box>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
        <Button type="submit" variant="contained" disabled={!parsed || !parsed.ok || transfer.pending}>
          {t('transfer.submit')}
        </Button>
        <Button type="button" onClick={onDone}>
          {t('transfer.cancel')}
        </Button>
      </Box>
      <ActionError error={transfer.error} onClose={transfer.clearError} />
    </Box>
  );
}
