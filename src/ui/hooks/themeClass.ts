/**
 * One emotion class per theme for styles that depend on the theme alone. MUI's styled components serialise and hash
 * their styles on every render, even with the same theme and props; for elements repeated with the same props (the
 * 12 keypad keys) the styles are built and serialised once per theme here, and each render only looks the class up.
 * The class goes into the emotion cache in effect (the softphone's own, or the host's shared one) from the caller's
 * insertion effect, which runs after its children's: it comes after the MUI roots' own rules, as MUI's override would.
 */
import type { EmotionCache } from '@emotion/cache';
import { css, type CSSObject, type SerializedStyles } from '@emotion/react';
import type { Theme } from '@mui/material/styles';

export type ThemeStyles = (theme: Theme) => CSSObject;

/** The serialised styles of `styles` for each theme, built on first use. */
export function themeClass(styles: ThemeStyles): (theme: Theme) => SerializedStyles {
  const byTheme = new WeakMap<Theme, SerializedStyles>();
  return (theme) => {
    let serialized = byTheme.get(theme);
    if (!serialized) {
      serialized = css(styles(theme));
      byTheme.set(theme, serialized);
    }
    return serialized;
  };
}

/** The class name emotion gives these styles in `cache` (as its own `css` prop and styled components do). */
export const classNameIn = (cache: EmotionCache, serialized: SerializedStyles): string =>
  `${cache.key}-${serialized.name}`;

/** Inserts the styles into the cache unless it has them; registered too, so that emotion can merge the class. */
export function insertClass(cache: EmotionCache, serialized: SerializedStyles): void {
  const className = classNameIn(cache, serialized);
  if (cache.registered[className] === undefined) cache.registered[className] = serialized.styles;
  if (cache.inserted[serialized.name] !== undefined) return;
  cache.insert(`.${className}`, serialized, cache.sheet, true);
}
