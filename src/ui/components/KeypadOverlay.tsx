/**
 * A panel over the call card: the in-call keypad (the call keeps one keypad; the dial pad is gone during a call)
 * or the transfer form. Escape or Close puts it away.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useEffect, useId, useRef, type JSX, type ReactNode } from 'react';

export interface CallOverlayProps {
  id: string;
  title: string;
  /** The header's close button; omitted when the panel's own form has a Cancel. */
  closeLabel?: string;
  onClose: () => void;
  children: ReactNode;
}

export function CallOverlay({ id, title, closeLabel, onClose, children }: CallOverlayProps): JSX.Element {
  const headingId = useId();
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Opened by the person (a click or key on the toolbar), so taking focus here is expected.
    panel.current?.querySelector<HTMLElement>('button, input')?.focus();
  }, []);
  return (
    <Box
      id={id}
      ref={panel}
      role="group"
      aria-labelledby={headingId}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
      sx={{
        position: 'absolute',
        inset: 0,
        p: 1,
        overflowY: 'auto',
        bgcolor: 'background.paper',
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        boxShadow: 3,
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography id={headingId} component="h4" variant="subtitle2" sx={{ fontWeight: 700, mr: 'auto' }}>
          {title}
        </Typography>
        {closeLabel && (
          <Button size="small" onClick={onClose}>
            {closeLabel}
          </Button>
        )}
      </Box>
      {children}
    </Box>
  );
}
