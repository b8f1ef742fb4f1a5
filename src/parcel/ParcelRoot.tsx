/**
 * What single-spa-react renders: follows the instance's view (loading → ready, or invalid props) and hands
 * the current service to the UI. A new service generation remounts the UI so no hook keeps the old one.
 */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import LinearProgress from '@mui/material/LinearProgress';
import type { ThemeOptions } from '@mui/material/styles';
import type { EmotionCache } from '@emotion/cache';
import type { JSX } from 'react';
import { SoftphoneApp } from '../ui/SoftphoneApp';
import { useObservable } from '../ui/hooks/useObservable';
import type { SoftphoneInstance } from './instance';

export interface ParcelRootProps {
  softphone: SoftphoneInstance;
  /** Shared by all parcels on the page (see runtime.ts); absent in tests that want a private cache. */
  emotionCache?: EmotionCache;
}

export function ParcelRoot({ softphone, emotionCache }: ParcelRootProps): JSX.Element {
  const view = useObservable(softphone.view$, softphone.view);
  if (view.kind === 'invalid') {
    return (
      <Alert severity="error" role="alert">
        <AlertTitle>The softphone could not start</AlertTitle>
        {view.message}
      </Alert>
    );
  }
  if (view.kind === 'loading') {
    return (
      <div role="status" aria-label={view.identity ? `Softphone ${view.identity} loading` : 'Softphone loading'}>
        <LinearProgress aria-label="Loading softphone" />
      </div>
    );
  }
  return (
    <SoftphoneApp
      key={view.generation}
      service={view.service}
      compact={view.compact}
      theme={view.theme as ThemeOptions | undefined}
      {...(emotionCache ? { emotionCache } : {})}
    />
  );
}

/** Shown by single-spa-react's error boundary if rendering throws, instead of unmounting the host's page. */
export function ParcelCrash({ error }: { error: unknown }): JSX.Element {
  return (
    <Alert severity="error" role="alert">
      <AlertTitle>The softphone stopped working</AlertTitle>
      {error instanceof Error ? error.message : String(error)}. Reload the page to try again.
    </Alert>
  );
}
