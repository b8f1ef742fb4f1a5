/**
 * A status label as an outlined chip: the text stays in the theme's body colour (AA contrast on any surface, light
 * or dark) and the tone shows in the border and a dot, never in the text colour alone. Drawn with Box rather than
 * MUI's Chip, which would bring its delete icon, ripple and avatar styles to the idle screen (issue 18: ≈ 2.3 KB gz).
 */
import type { JSX } from 'react';
import { SxBox, sxClass, type SxClass } from './SxBox';

export type StatusTone = 'neutral' | 'info' | 'success' | 'warning' | 'error';

const TONE_COLOR: Record<StatusTone, string> = {
  neutral: 'text.secondary',
  info: 'info.main',
  success: 'success.main',
  warning: 'warning.main',
  error: 'error.main',
};

/** The chip's and its dot's styles per tone, serialised once per theme (SxBox). */
const byTone = (styles: (color: string) => SxClass): Record<StatusTone, SxClass> => ({
  neutral: styles(TONE_COLOR.neutral),
  info: styles(TONE_COLOR.info),
  success: styles(TONE_COLOR.success),
  warning: styles(TONE_COLOR.warning),
  error: styles(TONE_COLOR.error),
});
const CHIP = byTone((color) =>
  sxClass({
    display: 'inline-flex',
    alignItems: 'center',
    gap: '6px',
    maxWidth: '100%',
    height: 24,
    px: '10px',
    boxSizing: 'border-box',
    border: 1,
    borderColor: color,
    borderRadius: '12px',
    color: 'text.primary',
    typography: 'body2',
    fontSize: '0.8125rem',
    fontWeight: 600,
    whiteSpace: 'nowrap',
    verticalAlign: 'middle',
  }),
);
const DOT = byTone((color) => sxClass({ width: 8, height: 8, flexShrink: 0, borderRadius: '50%', bgcolor: color }));
const TEXT = sxClass({ overflow: 'hidden', textOverflow: 'ellipsis' });

export interface StatusChipProps {
  label: string;
  tone: StatusTone;
  /** For the header's registration chip: a named live status. */
  role?: 'status';
  'aria-label'?: string;
  'aria-live'?: 'polite';
}

export function StatusChip({ label, tone, ...aria }: StatusChipProps): JSX.Element {
  return (
    <SxBox component="span" {...aria} styles={CHIP[tone]}>
      <SxBox component="span" aria-hidden styles={DOT[tone]} />
      <SxBox component="span" styles={TEXT}>
        {label}
      </SxBox>
    </SxBox>
  );
}
