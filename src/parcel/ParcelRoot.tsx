/**
 * What single-spa-react renders: follows the instance's view (loading → ready, or invalid props) and hands
 * the current service to the UI. A new service generation remounts the UI so no hook keeps the old one.
 */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
// CircularProgress rather than LinearProgress: Button already brings it (its `loading` state), so it costs nothing at mount.
import CircularProgress from '@mui/material/CircularProgress';
import type { ThemeOptions } from '@mui/material/styles';
import type { EmotionCache } from '@emotion/cache';
import type { JSX } from 'react';
import { SoftphoneApp } from '../ui/SoftphoneApp';
import { useObservable } from '../ui/hooks/useObservable';
import { createTranslator } from '../ui/i18n/translator';
import type { InstanceView, SoftphoneInstance } from './instance';

export interface ParcelRootProps {
  softphone: SoftphoneInstance;
  /** Shared by all parcels on the page (see runtime.ts); absent in tests that want a private cache. */
  emotionCache?: EmotionCache;
}

export function ParcelRoot({ softphone, emotionCache }: ParcelRootProps): JSX.Element {
  const view = useObservable(softphone.view$, softphone.view);
  if (view.kind === 'ready') return readyApp(view, emotionCache);
  // Only the loading and error screens word things here (a translator builds several Intl formatters).
  const props = softphone.renderProps;
  const { t } = createTranslator(props?.locale, props?.messages);
  if (view.kind === 'invalid') {
    return (
      <Alert severity="error" role="alert">
        <AlertTitle>{t('app.cannotStart')}</AlertTitle>
        {view.message}
      </Alert>
    );
  }
  return (
    <div role="status" aria-label={view.identity ? t('app.loadingFor', { name: view.identity }) : t('app.loading')}>
      <CircularProgress size={24} aria-label={t('app.loading')} sx={{ display: 'block', mx: 'auto', my: 2 }} />
    </div>
  );
}

type ReadyView = Extract<InstanceView, { kind: 'ready' }>;

/** The UI for a started service (a plain function, not a component: no extra fiber between the root and the app). */
function readyApp(view: ReadyView, emotionCache: EmotionCache | undefined): JSX.Element {
  return (
    <SoftphoneApp
      key={view.generation}
      service={view.service}
      compact={view.render.compact}
      theme={view.render.theme as ThemeOptions | undefined}
      {...optional('locale', view.render.locale)}
      {...optional('messages', view.render.messages)}
      {...optional('defaultCountry', view.render.defaultCountry)}
      {...optional('shortcuts', view.render.shortcuts)}
      {...optional('testSoundUrl', view.testSoundUrl)}
      {...(emotionCache ? { emotionCache } : {})}
    />
  );
}

/** `{ key: value }` only when the value is set (exactOptionalPropertyTypes: no explicit undefined props). */
function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** The error boundary knows no props: English. */
const crashText = createTranslator('en').t;

/** Shown by single-spa-react's error boundary if rendering throws, instead of unmounting the host's page. */
export function ParcelCrash({ error }: { error: unknown }): JSX.Element {
  return (
    <Alert severity="error" role="alert">
      <AlertTitle>{crashText('app.crashed')}</AlertTitle>
      {crashText('app.crashedNext', { message: error instanceof Error ? error.message : String(error) })}
    </Alert>
  );
}
