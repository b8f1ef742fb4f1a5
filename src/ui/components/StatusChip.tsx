/**
 * A status label as an outlined chip: the text stays in the theme's body colour (AA contrast on any surface, light
 * or dark) and the tone shows in the border and a dot, never in the text colour alone. Drawn with Box rather than
 * MUI's Chip, which would bring its delete icon, ripple and avatar styles to the idle screen (issue 18: ≈ 2.3 KB gz).
 */
import Box from '@mui/material/Box';
import type { JSX } from 'react';

export type StatusTone = 'neutral' | 'info' | 'success' | 'warning' | 'error';

const TONE_COLOR: Record<StatusTone, string> = {
  neutral: 'text.secondary',
  info: 'info.main',
  success: 'success.main',
  warning: 'warning.main',
  error: 'error.main',
};

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
    <Box
      component="span"
      {...aria}
      sx={{
        display: 'inline-flex',
        alignItems: 'center',
        gap: '6px',
        maxWidth: '100%',
        height: 24,
        px: '10px',
        boxSizing: 'border-box',
        border: 1,
        borderColor: TONE_COLOR[tone],
        borderRadius: '12px',
        color: 'text.primary',
        typography: 'body2',
        fontSize: '0.8125rem',
        fontWeight: 600,
        whiteSpace: 'nowrap',
        verticalAlign: 'middle',
      }}
    >
      <Box
        component="span"
        aria-hidden
        sx={{ width: 8, height: 8, flexShrink: 0, borderRadius: '50%', bgcolor: TONE_COLOR[tone] }}
      />
      <Box component="span" sx={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>
        {label}
      </Box>
    </Box>
  );
}
