/**
 * Where the lazily loaded call screens (callScreens.tsx) render, and their prefetch: the chunk loads when the
 * browser is idle after mount, or at once when a call appears (ringing, dialled, or arriving from another tab), so
 * the first call rarely waits. Until it is there a short status stands in; if it fails to load, an error with Retry
 * (and Hang up, so a call in progress can always be ended) instead of a blank.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useEffect, type JSX } from 'react';
import type { SoftphoneState } from '../../contract/schema';
import { useAction } from '../hooks/useAction';
import { useSoftphone } from '../hooks/useSoftphoneSelector';
import { useI18n } from '../i18n/I18nContext';
import { callScreens, type CallScreens } from '../lazy/callScreens';
import { useLazyModule, type LazyModuleView } from '../lazy/useLazyModule';
import { whenIdle } from '../lazy/whenIdle';
import { isInProgress, lastClosedCall } from '../selectors';
import { useSoftphoneService } from '../ServiceContext';
import { ActionError } from './ActionError';

const prefetch = (): void => void callScreens.load().catch(() => undefined); // shown (with Retry) where it is needed

function selectHasCall(state: SoftphoneState): boolean {
  return state.calls.length > 0;
}

/** Loads the call screens when the browser is idle, or at once when there is a call. Renders nothing. */
export function CallScreensPrefetch(): null {
  const hasCall = useSoftphone(selectHasCall);
  useEffect(() => {
    if (callScreens.loaded()) return undefined;
    if (hasCall) {
      prefetch();
      return undefined;
    }
    return whenIdle(prefetch);
  }, [hasCall]);
  return null;
}

function ScreensFallback({ view, hangUp }: { view: LazyModuleView<CallScreens>; hangUp: boolean }): JSX.Element {
  const service = useSoftphoneService();
  const { t } = useI18n();
  const hangup = useAction(() => service.hangup());
  if (view.kind !== 'failed') {
    return (
      <Box role="status" sx={{ typography: 'body2' }}>
        {t('screens.loading')}
      </Box>
    );
  }
  return (
    <Alert severity="error" role="alert">
      {t('screens.failed', { reason: view.reason })}
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 1 }}>
        <Button size="small" variant="outlined" color="inherit" onClick={view.retry}>
          {t('error.retry')}
        </Button>
        {hangUp && (
          <Button size="small" variant="contained" color="error" onClick={() => void hangup.run()}>
            {t('call.hangup')}
          </Button>
        )}
      </Box>
      <ActionError error={hangup.error} onClose={hangup.clearError} />
    </Alert>
  );
}

function LoadedCallsInProgress(): JSX.Element {
  const view = useLazyModule(callScreens);
  return view.kind === 'loaded' ? <view.module.CallsInProgress /> : <ScreensFallback view={view} hangUp />;
}

function selectHasCallInProgress(state: SoftphoneState): boolean {
  return state.calls.some(isInProgress);
}

/** The call switcher and the call cards, while any call is in progress. */
export function CallsInProgress(): JSX.Element | null {
  return useSoftphone(selectHasCallInProgress) ? <LoadedCallsInProgress /> : null;
}

function LoadedCallSummary(): JSX.Element {
  const view = useLazyModule(callScreens);
  return view.kind === 'loaded' ? <view.module.CallSummary /> : <ScreensFallback view={view} hangUp={false} />;
}

function selectHasClosedCall(state: SoftphoneState): boolean {
  return lastClosedCall(state.calls) !== null;
}

/** The latest ended call's summary (CallSummary decides whether it is still shown). */
export function LastCallSummary(): JSX.Element | null {
  return useSoftphone(selectHasClosedCall) ? <LoadedCallSummary /> : null;
}
