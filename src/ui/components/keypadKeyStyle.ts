/**
 * The look of a keypad key: MUI's medium outlined primary Button with the keypad's own sizing (no minimum width, a
 * larger digit, 6 px vertical padding), written out from the theme so that it is serialised once per theme
 * (hooks/themeClass.ts) instead of once per key per render. It sets every property MUI's ButtonBase root sets too,
 * to the value the Button gives it. test/ui/keypadKeys.test.tsx holds it to the CSS MUI's own Button computes.
 */
import type { CSSObject } from '@emotion/react';
import type { Theme } from '@mui/material/styles';
import { themeClass } from '../hooks/themeClass';

/** MUI's own class names of such a Button beside ButtonBase's (host CSS and tests that target them keep matching). */
export const KEY_MUI_CLASSES = 'MuiButton-root MuiButton-outlined MuiButton-sizeMedium MuiButton-colorPrimary';

/**
 * A theme the written-out look stands for: no CSS variables, and nothing that restyles MUI's buttons (a host's
 * overrides, variants or default props for Button/ButtonBase); any other theme keeps MUI's Button.
 */
export function keyStyleFits(theme: Theme): boolean {
  const components = theme.components ?? {};
  return !(theme as { vars?: unknown }).vars && !components.MuiButton && !components.MuiButtonBase;
}

function buttonBaseReset() {
  return {
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    position: 'relative',
    boxSizing: 'border-box',
    WebkitTapHighlightColor: 'transparent',
    outline: 0,
    margin: 0,
    cursor: 'pointer',
    userSelect: 'none',
    verticalAlign: 'middle',
    MozAppearance: 'none',
    WebkitAppearance: 'none',
    textDecoration: 'none',
    '&::-moz-focus-inner': { borderStyle: 'none' },
    '@media print': { colorAdjust: 'exact' },
  } as const;
}

function outlinedPrimary(theme: Theme) {
  const { palette } = theme;
  const main = palette.primary.main;
  const hoverTint = theme.alpha(main, palette.action.hoverOpacity);
  return {
    backgroundColor: 'var(--variant-outlinedBg)',
    border: '1px solid currentColor',
    color: 'var(--variant-outlinedColor)',
    borderColor: 'var(--variant-outlinedBorder, currentColor)',
    '--variant-textColor': main,
    '--variant-outlinedColor': main,
    '--variant-outlinedBorder': theme.alpha(main, 0.5),
    '--variant-containedColor': palette.primary.contrastText,
    '--variant-containedBg': main,
    '&:hover': { textDecoration: 'none' },
    '&.Mui-disabled': {
      pointerEvents: 'none',
      cursor: 'default',
      color: palette.action.disabled,
      border: `1px solid ${palette.action.disabledBackground}`,
    },
    '@media (hover: hover)': {
      '&:hover': {
        '--variant-containedBg': palette.primary.dark,
        '--variant-textBg': hoverTint,
        '--variant-outlinedBorder': main,
        '--variant-outlinedBg': hoverTint,
      },
    },
  } as const;
}

export const keypadKeyClass = themeClass((theme) => ({
  ...buttonBaseReset(),
  // MUI's typography style type is its own CSSProperties, which emotion's object type declares differently.
  ...(theme.typography.button as CSSObject),
  borderRadius: theme.shape.borderRadius,
  padding: '5px 15px',
  transition: theme.transitions.create(['background-color', 'box-shadow', 'border-color', 'color'], {
    duration: theme.transitions.duration.short,
  }),
  ...outlinedPrimary(theme),
  minWidth: 0,
  fontSize: '1.15rem',
  paddingTop: theme.spacing(0.75),
  paddingBottom: theme.spacing(0.75),
}));
