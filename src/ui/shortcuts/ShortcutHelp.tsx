/** The list of keyboard shortcuts behind a toggle (shown only when the host left shortcuts on). */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useId, useState, type JSX } from 'react';
import type { MessageKey } from '../i18n/catalog';
import { useI18n } from '../i18n/I18nContext';
import { useUiOptions } from '../UiOptions';
import { SHORTCUT_ACTIONS, type ShortcutAction } from './keys';

const ACTION_TEXT: Record<ShortcutAction, MessageKey> = {
  answer: 'shortcuts.answer',
  reject: 'shortcuts.reject',
  mute: 'shortcuts.mute',
  hold: 'shortcuts.hold',
  hangup: 'shortcuts.hangup',
  focusDial: 'shortcuts.focusDial',
};

export function ShortcutHelp(): JSX.Element | null {
  const { t } = useI18n();
  const { shortcuts } = useUiOptions();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  if (!shortcuts) return null;
  const listed = SHORTCUT_ACTIONS.filter((action) => shortcuts[action]);
  if (listed.length === 0) return null;
  return (
    <Box>
      <Button
        size="small"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((value) => !value)}
        sx={{ px: 0 }}
      >
        {t('shortcuts.show')}
      </Button>
      {open && (
        <Box id={panelId} role="group" aria-label={t('shortcuts.help')}>
          <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', gap: 0.5, columnGap: 1.5 }}>
            {listed.map((action) => (
              <Box key={action} sx={{ display: 'contents' }}>
                <Typography component="dt" variant="body2" sx={{ fontFamily: 'monospace', fontWeight: 700 }}>
                  <kbd>{shortcuts[action]}</kbd>
                </Typography>
                <Typography component="dd" variant="body2" sx={{ m: 0 }}>
                  {t(ACTION_TEXT[action])}
                </Typography>
              </Box>
            ))}
          </Box>
          <Typography variant="caption">{t('shortcuts.scope')}</Typography>
        </Box>
      )}
    </Box>
  );
}
