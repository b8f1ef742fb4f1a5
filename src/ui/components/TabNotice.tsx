/** In a follower tab: where the audio plays, and (when no call is in progress) the way to move it here. */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import type { JSX } from 'react';
import type { SoftphoneState } from '../../contract/schema';
import { shallowEqual } from '../equality';
import { useAction } from '../hooks/useAction';
import { useSoftphone } from '../hooks/useSoftphoneSelector';
import { useI18n } from '../i18n/I18nContext';
import { useSoftphoneService } from '../ServiceContext';
import { ActionError } from './ActionError';

function selectTab(state: SoftphoneState) {
  return {
    follower: state.device.tab?.role === 'follower',
    tabs: state.device.tab?.tabs ?? 1,
    callInProgress: state.calls.some((call) => call.status !== 'closed'),
  };
}

export function TabNotice(): JSX.Element | null {
  const service = useSoftphoneService();
  const { t } = useI18n();
  const tab = useSoftphone(selectTab, shallowEqual);
  const move = useAction(() => service.useThisTab());
  if (!tab.follower) return null;
  return (
    <Alert
      severity="info"
      role="status"
      aria-label={t('tab.label')}
      action={
        tab.callInProgress ? undefined : (
          <Button color="inherit" size="small" disabled={move.pending} onClick={() => void move.run()}>
            {t('tab.use')}
          </Button>
        )
      }
    >
      {tab.tabs > 1 ? `${t('tab.count', { count: tab.tabs })} ` : ''}
      {t('tab.elsewhere')}
      <ActionError error={move.error} />
    </Alert>
  );
}
