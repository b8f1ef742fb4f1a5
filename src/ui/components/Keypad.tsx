/** The 12-key telephone pad (1-9, *, 0, #), operable by mouse, touch and keyboard (native buttons). */
import type { EmotionCache } from '@emotion/cache';
import { withEmotionCache } from '@emotion/react';
import Button from '@mui/material/Button';
import ButtonBase from '@mui/material/ButtonBase';
import { useTheme, type Theme } from '@mui/material/styles';
import { useInsertionEffect, type JSX } from 'react';
import { classNameIn, insertClass } from '../hooks/themeClass';
import { KEY_MUI_CLASSES, keyStyleFits, keypadKeyClass } from './keypadKeyStyle';
import { SxBox, sxClass } from './SxBox';

export const KEYPAD_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
export type KeypadKey = (typeof KEYPAD_KEYS)[number];

export interface KeypadProps {
  /** Accessible name of the group, e.g. "Dial pad". */
  label: string;
  onKey: (key: KeypadKey) => void;
  /** Accessible name of one key; defaults to the key itself. */
  keyName?: (key: KeypadKey) => string;
  disabled?: boolean;
}

const GROUP = sxClass({ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 0.75, my: 1 });
const KEY_SX = { minWidth: 0, fontSize: '1.15rem', py: 0.75 } as const;

/** The keys as MUI Buttons: for themes that restyle buttons or use CSS variables (keypadKeyStyle.ts). */
function MaterialKeys({ onKey, keyName, disabled }: KeypadProps): JSX.Element {
  return (
    <>
      {KEYPAD_KEYS.map((key) => (
        <Button
          key={key}
          type="button"
          variant="outlined"
          disabled={disabled}
          aria-label={keyName ? keyName(key) : undefined}
          onClick={() => onKey(key)}
          sx={KEY_SX}
        >
          {key}
        </Button>
      ))}
    </>
  );
}

/**
 * The same keys on MUI's ButtonBase (its ripple, focus-visible and disabled handling) with the Button's look as one
 * class per theme: the Button's styles are not serialised again for each key on each render.
 */
function ClassKeys(props: KeypadProps & { cache: EmotionCache; theme: Theme }): JSX.Element {
  const { onKey, keyName, disabled, cache, theme } = props;
  const serialized = keypadKeyClass(theme);
  useInsertionEffect(() => insertClass(cache, serialized), [cache, serialized]);
  const className = `${KEY_MUI_CLASSES} ${classNameIn(cache, serialized)}`;
  return (
    <>
      {KEYPAD_KEYS.map((key) => (
        <ButtonBase
          key={key}
          type="button"
          className={className}
          focusRipple
          focusVisibleClassName="Mui-focusVisible"
          disabled={disabled ?? false}
          aria-label={keyName ? keyName(key) : undefined}
          onClick={() => onKey(key)}
        >
          {key}
        </ButtonBase>
      ))}
    </>
  );
}

export const Keypad = withEmotionCache<KeypadProps>(function Keypad(props, cache): JSX.Element {
  const theme = useTheme<Theme>();
  return (
    <SxBox role="group" aria-label={props.label} styles={GROUP}>
      {keyStyleFits(theme) ? <ClassKeys {...props} cache={cache} theme={theme} /> : <MaterialKeys {...props} />}
    </SxBox>
  );
});
