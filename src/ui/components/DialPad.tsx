/**
 * The idle screen's dial box (number, national number with the default country, or a name), a 12-key pad, and
 * the Call button with the reason when it cannot call. Hidden during a call: the call has its own keypad.
 */
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useId, useState, type FormEvent, type JSX } from 'react';
import type { SoftphoneState } from '../../contract/schema';
import { dialInputHelper, readDialInput } from '../dialInput';
import { usePhoneNumbers } from '../hooks/usePhoneNumbers';
import { shallowEqual } from '../equality';
import { useAction } from '../hooks/useAction';
import { useSoftphone } from '../hooks/useSoftphoneSelector';
import type { MessageKey } from '../i18n/catalog';
import { useI18n } from '../i18n/I18nContext';
import { useSoftphoneService } from '../ServiceContext';
import { useUiOptions } from '../UiOptions';
import { ActionError } from './ActionError';
import { TextInputField } from './Field';
import { DEVICE_STATE_TEXT } from './Header';
import { Keypad } from './Keypad';
import { SxBox, sxClass } from './SxBox';

const FORM = sxClass({});
const CALL_ROW = sxClass({ display: 'flex', gap: 1 });

function selectDialReadiness(state: SoftphoneState) {
  return { deviceState: state.device.state, permission: state.microphone.permission };
}

type Readiness = ReturnType<typeof selectDialReadiness>;

/** A Device that exists can place calls whether or not it is registered (registering is for incoming calls). */
const CAN_DIAL: ReadonlySet<string> = new Set(['registered', 'unregistered', 'registering']);

/** Why the phone cannot place a call right now, or null when it can. */
export function cannotDialReason(readiness: Readiness): MessageKey | null {
  if (readiness.permission === 'denied') return 'dial.blocked.micDenied';
  if (readiness.permission === 'unavailable') return 'dial.blocked.noMic';
  if (readiness.deviceState === 'reconnecting') return 'dial.blocked.reconnecting';
  if (!CAN_DIAL.has(readiness.deviceState)) return 'dial.blocked.notReady';
  return null;
}

export function DialPad(): JSX.Element {
  const service = useSoftphoneService();
  const { t } = useI18n();
  const { defaultCountry } = useUiOptions();
  const readiness = useSoftphone(selectDialReadiness, shallowEqual);
  const [input, setInput] = useState('');
  const dial = useAction((to: string) => service.dial(to));
  const reasonId = useId();

  const phone = usePhoneNumbers(/[0-9]/.test(input));
  const parsed = readDialInput(input, defaultCountry, phone);
  const blocked = cannotDialReason(readiness);
  const canCall = parsed !== null && parsed.ok && blocked === null && !dial.pending;
  const hint = defaultCountry ? t('dial.hintCountry', { country: defaultCountry }) : t('dial.hint');
  const helper = dialInputHelper(parsed, hint, t);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!parsed || !parsed.ok || blocked !== null) return;
    if (await dial.run(parsed.to)) setInput('');
  };

  return (
    // Deliberately unnamed: a named form is a landmark, and every softphone on a page has one.
    <SxBox component="form" noValidate onSubmit={(event: FormEvent) => void submit(event)} styles={FORM}>
      <TextInputField
        fullWidth
        label={t('dial.label')}
        value={input}
        onChange={(event) => {
          setInput(event.target.value);
          dial.clearError();
        }}
        error={parsed !== null && !parsed.ok}
        helperText={helper}
        autoComplete="off"
        // `name` is the stable hook for scripts and the focus-dial shortcut.
        name="to"
        htmlInput={{ spellCheck: false, inputMode: 'tel', maxLength: 256 }}
      />
      <Keypad label={t('dial.pad')} onKey={(key) => setInput((value) => value + key)} />
      <SxBox styles={CALL_ROW}>
        <Button
          type="submit"
          variant="contained"
          color="success"
          disabled={!canCall}
          aria-describedby={blocked ? reasonId : undefined}
          sx={{ flex: 1 }}
        >
          {t('dial.call')}
        </Button>
        <Button
          type="button"
          variant="outlined"
          disabled={input.length === 0}
          onClick={() => setInput((value) => value.slice(0, -1))}
        >
          {t('dial.delete')}
        </Button>
      </SxBox>
      {blocked && (
        <Typography id={reasonId} variant="body2" sx={{ mt: 1 }}>
          {t(blocked, { state: t(DEVICE_STATE_TEXT[readiness.deviceState]) })}
        </Typography>
      )}
      <ActionError error={dial.error} onClose={dial.clearError} wrap={(reason) => t('dial.failed', { reason })} />
    </SxBox>
  );
}
