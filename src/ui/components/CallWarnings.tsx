/** Quality warnings of a call as chips with plain advice; they disappear when the service clears them. */
import Box from '@mui/material/Box';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import type { JSX } from 'react';
import { CALL_WARNINGS } from '../../contract/schema';
import type { MessageKey } from '../i18n/catalog';
import { useI18n } from '../i18n/I18nContext';
import '../i18n/callTexts'; // this screen's texts, with its chunk

type WarningName = (typeof CALL_WARNINGS)[number];
const isKnownWarning = (name: string): name is WarningName => (CALL_WARNINGS as readonly string[]).includes(name);

/** Catalog keys of a warning's title and advice (a name the catalog does not know gets general advice). */
export function warningKeys(name: string): { title: MessageKey; advice: MessageKey } {
  if (!isKnownWarning(name)) return { title: 'warn.other.title', advice: 'warn.other.advice' };
  return { title: `warn.${name}.title`, advice: `warn.${name}.advice` };
}

export function CallWarnings({ warnings }: { warnings: readonly string[] }): JSX.Element | null {
  const { t } = useI18n();
  if (warnings.length === 0) return null;
  return (
    <Box
      component="ul"
      aria-label={t('warn.list')}
      sx={{ listStyle: 'none', p: 0, m: 0, display: 'flex', flexDirection: 'column', gap: 0.5 }}
    >
      {warnings.map((name) => {
        const keys = warningKeys(name);
        return (
          <Box component="li" key={name} sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
            {/* Warning-orange text is below 4.5:1 on white: keep the orange for the icon and border only. */}
            <Chip
              size="small"
              variant="outlined"
              icon={<WarningAmberIcon />}
              label={t(keys.title)}
              sx={{ color: 'text.primary', borderColor: 'warning.dark', '& .MuiChip-icon': { color: 'warning.dark' } }}
            />
            <Typography variant="body2" sx={{ flex: '1 1 12em' }}>
              {t(keys.advice)}
            </Typography>
          </Box>
        );
      })}
    </Box>
  );
}
