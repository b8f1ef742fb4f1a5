/**
 * Root of the softphone UI: an emotion cache of its own (so several apps on one page keep their styles
 * apart), a scoped MUI theme and baseline (nothing leaks onto the host page), and the layout.
 */
import createCache, { type EmotionCache } from '@emotion/cache';
import { CacheProvider } from '@emotion/react';
import CircularProgress from '@mui/material/CircularProgress';
import ScopedCssBaseline from '@mui/material/ScopedCssBaseline';
import type { ThemeOptions } from '@mui/material/styles';
import { useEffect, useMemo, useRef, useState, type JSX, type ProfilerOnRenderCallback } from 'react';
import type { SoftphoneService } from '../contract/service';
import { trackTyping } from './focusPolicy';
import { AUTOFILL_THEME_OPTIONS, useAutofillKeyframes } from './hooks/autofillKeyframes';
import { scopedForMaterial } from './hooks/materialScope';
import { contentCache, useSharedByContent } from './hooks/useSharedByContent';
import type { MessageOverrides } from './i18n/catalog';
import { I18nProvider } from './i18n/I18nContext';
import { createTranslator } from './i18n/translator';
import { useTranslator } from './i18n/useTranslator';
import { ProfilerProvider } from './Profiled';
import { ServiceProvider } from './ServiceContext';
import { resolveShortcuts, type ShortcutAction } from './shortcuts/keys';
import { SoftphoneLayout } from './SoftphoneLayout';
import { createTheme, isCssVarsRequest, ThemeProvider } from './theme/softphoneTheme';
import { UiOptionsProvider, type UiOptions } from './UiOptions';

export const EMOTION_CACHE_KEY = 'switchboard';

export interface SoftphoneAppProps {
  service: SoftphoneService;
  /** Single narrow column (fits 320 px); audio settings start collapsed. */
  compact?: boolean;
  /** MUI theme options merged over the softphone's defaults. */
  theme?: ThemeOptions;
  /** Share a cache across mounts; by default each app makes its own and removes its styles on unmount. */
  emotionCache?: EmotionCache;
  /** Diagnostics: React Profiler callback for each UI section (ids: see `SectionId`). */
  onRender?: ProfilerOnRenderCallback;
  /** BCP 47 language tag for the wording and for Intl (numbers, durations, times); catalogs: en, es. */
  locale?: string;
  /** The host's own strings by catalog key, over the locale's catalog. */
  messages?: MessageOverrides;
  /** ISO 3166 country whose national numbers the dial box accepts (e.g. 'US': 4155550100 → +14155550100). */
  defaultCountry?: string;
  /** Keyboard shortcuts: `false` turns them off; an object replaces single combos (`null` turns one off). */
  shortcuts?: false | Readonly<Partial<Record<ShortcutAction, string | null>>>;
  /** URL of the speaker test's sound (the deployment's own `outgoing` sound). */
  testSoundUrl?: string;
}

/** The rendering options, recomputed only when their content changes (hosts may pass new objects each time). */
function useUiOptionsOf(props: SoftphoneAppProps): UiOptions {
  const shortcutsKey = JSON.stringify(props.shortcuts ?? null);
  return useMemo(
    () => ({
      defaultCountry: props.defaultCountry ?? null,
      testSoundUrl: props.testSoundUrl ?? null,
      shortcuts: resolveShortcuts(props.shortcuts),
    }),
    [props.defaultCountry, props.testSoundUrl, shortcutsKey],
  );
}

/**
 * Default options: AA text contrast (4.5:1) for every coloured surface MUI derives text colour for. MUI's default
 * primary (#1976d2) is 4.6:1 on white but 4.38:1 on its own hover tint (outlined/text buttons under the pointer);
 * blue 800 keeps primary text above 4.5:1 in every state.
 */
const BASE_THEME: ThemeOptions = {
  palette: { contrastThreshold: 4.5, primary: { main: '#1565c0' } },
  ...AUTOFILL_THEME_OPTIONS,
};
/** In dark mode MUI's own dark primary (a light blue) keeps that contrast on dark surfaces; blue 800 would not. */
const BASE_DARK_THEME: ThemeOptions = { palette: { contrastThreshold: 4.5 }, ...AUTOFILL_THEME_OPTIONS };

type PlainObject = Record<string, unknown>;
const isPlainObject = (value: unknown): value is PlainObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The host's options merged into the defaults before the theme is built: `createTheme(a, b)` merges `b` only after
 * the palette is computed, so `palette.mode: 'dark'` would keep light backgrounds and text.
 */
export function mergeThemeOptions(base: PlainObject, overrides: PlainObject): PlainObject {
  const merged: PlainObject = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeThemeOptions(current, value) : value;
  }
  return merged;
}

/** An own cache whose style elements go away with the app. */
function useOwnEmotionCache(given: EmotionCache | undefined): EmotionCache {
  const [own] = useState(() => (given ? null : createCache({ key: EMOTION_CACHE_KEY })));
  const activeEffects = useRef(0);
  useEffect(() => {
    if (!own) return undefined;
    activeEffects.current += 1;
    // StrictMode unmounts and remounts effects synchronously: flush only if no effect is active a tick later.
    return () => {
      activeEffects.current -= 1;
      queueMicrotask(() => {
        if (activeEffects.current === 0) own.sheet.flush();
      });
    };
  }, [own]);
  return given ?? (own as EmotionCache);
}

/** One theme per distinct set of host options for the page (see useSharedByContent). */
const themes = contentCache((options: ThemeOptions | undefined) => {
  const theme = createTheme(
    mergeThemeOptions(
      (options?.palette?.mode === 'dark' ? BASE_DARK_THEME : BASE_THEME) as PlainObject,
      (options ?? {}) as PlainObject,
    ) as ThemeOptions,
  );
  // A CSS-variables request is built later by MUI's own provider (softphoneTheme.tsx): only a built theme is scoped.
  return isCssVarsRequest(theme) ? theme : scopedForMaterial(theme);
});

const ENGLISH = createTranslator('en');

/** While the locale's catalog loads at mount: the parcel's own loading look (its label in English until then). */
function CatalogLoading({ locale }: { locale: string | undefined }): JSX.Element {
  const label = createTranslator(locale).t('app.loading');
  return (
    <div role="status" aria-label={label}>
      <CircularProgress size={24} aria-label={label} sx={{ display: 'block', mx: 'auto', my: 2 }} />
    </div>
  );
}

export function SoftphoneApp(props: SoftphoneAppProps): JSX.Element {
  const cache = useOwnEmotionCache(props.emotionCache);
  useAutofillKeyframes(cache);
  const i18n = useTranslator(props.locale, props.messages);
  const options = useUiOptionsOf(props);
  useEffect(trackTyping, []);
  const theme = useSharedByContent(themes, props.theme);
  return (
    <CacheProvider value={cache}>
      <ThemeProvider theme={theme}>
        <ProfilerProvider value={props.onRender}>
          <I18nProvider value={i18n ?? ENGLISH}>
            <UiOptionsProvider value={options}>
              <ServiceProvider service={props.service}>
                <ScopedCssBaseline>
                  {i18n ? (
                    <SoftphoneLayout instance={props.service.instance} compact={props.compact ?? false} />
                  ) : (
                    <CatalogLoading locale={props.locale} />
                  )}
                </ScopedCssBaseline>
              </ServiceProvider>
            </UiOptionsProvider>
          </I18nProvider>
        </ProfilerProvider>
      </ThemeProvider>
    </CacheProvider>
  );
}
