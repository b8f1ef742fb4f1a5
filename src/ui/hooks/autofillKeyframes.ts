/**
 * MUI's inputs detect browser autofill with two keyframe animations (`mui-auto-fill`, `mui-auto-fill-cancel`). By
 * default every InputBase renders an emotion <Global> for them, which on each mount builds a style sheet of its own,
 * adds a <style> element, runs stylis and inserts the rules again, and removes it all at unmount: four times per
 * softphone mount. Here the app inserts the keyframes once per emotion cache instead, and the theme turns the
 * per-input injection off while giving the inputs the same animation styles MUI's variant would, so autofill is still
 * seen.
 */
import type { EmotionCache } from '@emotion/cache';
import { css } from '@emotion/react';
import { useInsertionEffect } from 'react';

const AUTO_FILL = 'mui-auto-fill';
const AUTO_FILL_CANCEL = 'mui-auto-fill-cancel';

// Keyframes kept non-empty (emotion's production build drops empty rules), as MUI writes them.
const keyframes = css`
  @keyframes ${AUTO_FILL} {
    from {
      animation-name: ${AUTO_FILL};
    }
  }
  @keyframes ${AUTO_FILL_CANCEL} {
    from {
      animation-name: ${AUTO_FILL_CANCEL};
    }
  }
`;

/** Theme options: no per-input injection; the input keeps the animations that report autofill to MUI. */
export const AUTOFILL_THEME_OPTIONS = {
  components: {
    MuiInputBase: {
      defaultProps: { disableInjectingGlobalStyles: true },
      styleOverrides: {
        input: {
          animationName: AUTO_FILL_CANCEL,
          animationDuration: '10ms',
          '&:-webkit-autofill': { animationDuration: '5000s', animationName: AUTO_FILL },
        },
      },
    },
  },
};

/** Inserts the keyframes into the cache's sheet unless that cache has them (a shared cache keeps them for the page). */
export function insertAutofillKeyframes(cache: EmotionCache): void {
  if (cache.inserted[keyframes.name] !== undefined) return;
  cache.insert('', keyframes, cache.sheet, true);
}

export function useAutofillKeyframes(cache: EmotionCache): void {
  useInsertionEffect(() => insertAutofillKeyframes(cache), [cache]);
}
