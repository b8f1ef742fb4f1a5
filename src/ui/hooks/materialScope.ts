/**
 * The theme as the Material ThemeProvider gets it: scoped under MUI's THEME_ID. Without a scope, MUI's ThemeProvider
 * hands emotion a fresh copy of the theme (`{ ...outer, ...theme }`) on every mount, so every style that MUI
 * memoises per theme (`memoTheme`) is computed again on each mount; scoped, the components resolve
 * `theme[THEME_ID]`, the one shared theme object, and the memos carry over. Everything in the softphone reads the
 * theme through MUI (styled, sx, useTheme), which resolves the scope.
 */
import { THEME_ID, type Theme } from '@mui/material/styles';

/** What ThemeProvider's `theme` accepts: its types do not spell out the scoped form, which it handles. */
export function scopedForMaterial(theme: Theme): Partial<Theme> {
  // MUI injects the CSS layer order only for an unscoped theme that asks for it: keep that case as it was.
  if ((theme as { modularCssLayers?: unknown }).modularCssLayers) return theme;
  return { [THEME_ID]: theme } as Partial<Theme>;
}
