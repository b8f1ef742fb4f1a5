/** Quality warnings of a call as chips with plain advice; they disappear when the service clears them. */
import Box from '@mui/material/Box';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import type { JSX } from 'react';
import { warningText } from '../text';

export function CallWarnings({ warnings }: { warnings: readonly string[] }): JSX.Element | null {
  if (warnings.length === 0) return null;
  return (
    <Box
      component="ul"
      aria-label="Call quality warnings"
      sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: 'column', gap: 0.5 }}
    >
      {warnings.map((name) => {
        const text = warningText(name);
        return (
          <Box component="li" key={name} sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
            {/* Warning-orange text is below 4.5:1 on white: keep the orange for the icon and border only. */}
            <Chip
              size="small"
              variant="outlined"
              icon={<WarningAmberIcon />}
              label={text.title}
              sx={{ color: 'text.primary', borderColor: 'warning.dark', '& .MuiChip-icon': { color: 'warning.dark' } }}
            />
            <Typography variant="body2" sx={{ flex: '1 1 12em' }}>
              {text.advice}
            </Typography>
          </Box>
        );
      })}
    </Box>
  );
}
