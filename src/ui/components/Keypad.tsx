/** The 12-key telephone pad (1-9, *, 0, #), operable by mouse, touch and keyboard (native buttons). */
import Button from '@mui/material/Button';
import type { JSX } from 'react';
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

export function Keypad({ label, onKey, keyName, disabled }: KeypadProps): JSX.Element {
  return (
    <SxBox role="group" aria-label={label} styles={GROUP}>
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
    </SxBox>
  );
}
