/**
 * The softphone's theme without MUI's CSS-variables code at mount. MUI's own `createTheme(options)` builds
 * `createThemeNoVars(options)` unless the options ask for CSS variables (`cssVariables`) or colour schemes
 * (`colorSchemes`), and its ThemeProvider then gives that theme to the plain (no-vars) provider; both import the
 * CSS-variables builder and provider for the other branch (~8 KB gz). Here the plain branch is built in, and a host
 * theme that asks for CSS variables or colour schemes gets MUI's full createTheme and ThemeProvider from a lazy
 * chunk (mui-css-vars; the UI renders once it is there, or with the plain theme of the same options if it fails).
 */
import type { Theme, ThemeOptions } from '@mui/material/styles';
import { useMemo, type JSX, type ReactNode } from 'react';
import { lazyModule } from '../lazy/lazyModule';
import { useLazyModule } from '../lazy/useLazyModule';
import { createThemeNoVars, ThemeProviderNoVars } from './muiNoVars';

/** A host theme that needs MUI's CSS-variables path: built when its chunk is there. */
export interface CssVarsThemeRequest {
  readonly cssVarsOptions: ThemeOptions;
}

export type SoftphoneTheme = Theme | CssVarsThemeRequest;

/** What the ThemeProvider below takes: a built theme, a request, or a built theme scoped under MUI's THEME_ID. */
export type ProvidedTheme = SoftphoneTheme | Partial<Theme>;

const cssVarsTheme = lazyModule(() => import(/* webpackChunkName: "mui-css-vars" */ './cssVarsTheme'));

const needsCssVars = (options: ThemeOptions): boolean =>
  ('cssVariables' in options && Boolean(options.cssVariables)) || 'colorSchemes' in options;

/** The theme of `options`, as MUI's `createTheme(options)` builds it. */
export function createTheme(options: ThemeOptions = {}): SoftphoneTheme {
  return needsCssVars(options) ? { cssVarsOptions: options } : createThemeNoVars(options);
}

export const isCssVarsRequest = (theme: ProvidedTheme): theme is CssVarsThemeRequest => 'cssVarsOptions' in theme;

/** The plain theme of options that asked for CSS variables: their palette is the default colour scheme's. */
function plainThemeOf({ cssVariables: _cssVariables, colorSchemes, ...options }: ThemeOptions): Theme {
  const schemes = (colorSchemes ?? {}) as Record<string, { palette?: ThemeOptions['palette'] } | boolean | undefined>;
  const scheme = schemes[options.palette?.mode ?? 'light'];
  return createThemeNoVars(
    typeof scheme === 'object' && !options.palette ? { ...options, palette: scheme.palette } : options,
  );
}

function CssVarsThemeProvider({
  options,
  children,
}: {
  options: ThemeOptions;
  children: ReactNode;
}): JSX.Element | null {
  const view = useLazyModule(cssVarsTheme);
  const full = view.kind === 'loaded' ? view.module : null;
  const theme = useMemo(() => (full ? full.createTheme(options) : plainThemeOf(options)), [full, options]);
  if (full) return <full.ThemeProvider theme={theme}>{children}</full.ThemeProvider>;
  if (view.kind === 'loading') return null;
  return <PlainThemeProvider theme={theme}>{children}</PlainThemeProvider>;
}

function PlainThemeProvider({ theme, children }: { theme: Theme | Partial<Theme>; children: ReactNode }): JSX.Element {
  // As MUI's ThemeProvider does for a theme without variables: `vars: null` so that none come from an outer theme.
  const scoped = useMemo(() => ({ ...theme, vars: null }) as unknown as Theme, [theme]);
  return <ThemeProviderNoVars theme={scoped}>{children}</ThemeProviderNoVars>;
}

export function ThemeProvider({ theme, children }: { theme: ProvidedTheme; children?: ReactNode }): JSX.Element | null {
  return isCssVarsRequest(theme) ? (
    <CssVarsThemeProvider options={theme.cssVarsOptions}>{children}</CssVarsThemeProvider>
  ) : (
    <PlainThemeProvider theme={theme}>{children}</PlainThemeProvider>
  );
}
