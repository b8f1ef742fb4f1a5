/**
 * A status label as an outlined chip: the text stays in the theme's body colour (AA contrast on any surface, light
 * or dark) and the tone shows in the border and a dot, never in the text colour alone.
 */
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
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
    <Chip
      size="small"
      variant="outlined"
      {...aria}
      label={label}
      icon={
        <Box
          component="span"
          aria-hidden
          sx={{ width: 8, height: 8, borderRadius: '50%', bgcolor: TONE_COLOR[tone], ml: '8px !important' }}
        />
      }
      sx={{ color: 'text.primary', borderColor: TONE_COLOR[tone], fontWeight: 600 }}
    />
  );
}
