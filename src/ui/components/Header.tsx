/** Identity, registration state, register/unregister, microphone permission and token expiry. */
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { JSX } from 'react';
import type { DeviceStateName, MicrophonePermission, SoftphoneState } from '../../contract/schema';
import { shallowEqual } from '../equality';
import { isMicrophoneError } from '../errors/nextStep';
import { useAction } from '../hooks/useAction';
import { useSoftphone } from '../hooks/useSoftphoneSelector';
import type { MessageKey } from '../i18n/catalog';
import { useI18n } from '../i18n/I18nContext';
import { useSoftphoneService } from '../ServiceContext';
import { ActionError } from './ActionError';
import { RegistrationAge } from './RegistrationAge';
import { StatusChip, type StatusTone } from './StatusChip';
import { SxBox, sxClass } from './SxBox';
import { TokenStatus } from './TokenStatus';

const CHIP_TONE: Record<DeviceStateName, StatusTone> = {
  initializing: 'neutral',
  unsupported: 'error',
  unregistered: 'neutral',
  registering: 'info',
  registered: 'success',
  destroyed: 'error',
  reconnecting: 'warning',
};

const PERMISSION_TEXT: Record<MicrophonePermission, MessageKey> = {
  unknown: 'mic.unknown',
  prompt: 'mic.prompt',
  granted: 'mic.granted',
  denied: 'mic.denied',
  unavailable: 'mic.unavailable',
};

/** Human words for the device state (never the SDK's own names). */
export const DEVICE_STATE_TEXT: Record<DeviceStateName, MessageKey> = {
  initializing: 'device.initializing',
  unsupported: 'device.unsupported',
  unregistered: 'device.unregistered',
  registering: 'device.registering',
  registered: 'device.registered',
  destroyed: 'device.destroyed',
  reconnecting: 'device.reconnecting',
};

// Fixed styles, serialised once per theme (SxBox).
const HEADER = sxClass({ display: 'flex', flexDirection: 'column', gap: 1 });
const TITLE_ROW = sxClass({ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 });
const ACTIONS = sxClass({ display: 'flex', flexWrap: 'wrap', gap: 1 });
const FACTS = sxClass({ display: 'flex', flexWrap: 'wrap', columnGap: 2 });

function selectHeader(state: SoftphoneState) {
  return {
    instance: state.instance,
    identity: state.device.identity,
    deviceState: state.device.state,
    permission: state.microphone.permission,
    tokenExpiresAt: state.device.tokenExpiresAt,
    confirmedAt: state.device.registrationConfirmedAt ?? null,
    // The blocking error panel then offers the same step; one "Allow microphone" button is enough.
    errorOffersMicrophone:
      state.lastError !== null &&
      state.lastError.severity === 'blocking' &&
      isMicrophoneError(state.lastError) &&
      state.microphone.permission !== 'granted',
  };
}

export function Header(): JSX.Element {
  const service = useSoftphoneService();
  const { t } = useI18n();
  const header = useSoftphone(selectHeader, shallowEqual);
  const register = useAction(() => service.register());
  const unregister = useAction(() => service.unregister());
  const allowMicrophone = useAction(() => service.requestMicrophone());

  // While reconnecting the softphone registers again by itself: Register would only race it.
  const canRegister = header.deviceState === 'unregistered';
  const canUnregister = ['registered', 'registering', 'reconnecting'].includes(header.deviceState);
  const needsMicrophone =
    (header.permission === 'prompt' || header.permission === 'denied') && !header.errorOffersMicrophone;

  return (
    <SxBox component="header" styles={HEADER}>
      <SxBox styles={TITLE_ROW}>
        <Typography component="h2" variant="h6" sx={{ mr: 'auto', overflowWrap: 'anywhere' }}>
          {header.identity ?? header.instance}
        </Typography>
        <StatusChip
          role="status"
          aria-live="polite"
          aria-label={t('header.state')}
          label={t(DEVICE_STATE_TEXT[header.deviceState])}
          tone={CHIP_TONE[header.deviceState]}
        />
      </SxBox>
      <SxBox styles={ACTIONS}>
        <Button
          size="small"
          variant="outlined"
          disabled={!canRegister || register.pending}
          onClick={() => void register.run()}
        >
          {t('header.register')}
        </Button>
        <Button
          size="small"
          variant="outlined"
          disabled={!canUnregister || unregister.pending}
          onClick={() => void unregister.run()}
        >
          {t('header.unregister')}
        </Button>
        {needsMicrophone && (
          <Button
            size="small"
            variant="contained"
            disabled={allowMicrophone.pending}
            onClick={() => void allowMicrophone.run()}
          >
            {t('mic.allow')}
          </Button>
        )}
      </SxBox>
      <SxBox styles={FACTS}>
        <Typography variant="body2">
          {t('header.microphone', { state: t(PERMISSION_TEXT[header.permission]) })}
        </Typography>
        <TokenStatus expiresAt={header.tokenExpiresAt} />
        <RegistrationAge confirmedAt={header.confirmedAt} />
      </SxBox>
      <ActionError error={register.error} onClose={register.clearError} />
      <ActionError error={unregister.error} onClose={unregister.clearError} />
      <ActionError error={allowMicrophone.error} onClose={allowMicrophone.clearError} />
    </SxBox>
  );
}
