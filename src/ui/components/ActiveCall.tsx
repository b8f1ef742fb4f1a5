/**
 * One call in progress. Split into sibling sections (body, timer, meters, message log) so the 1 Hz
 * timer and the ~20 Hz volume meters re-render themselves only, never the body with its controls.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip, { type ChipProps } from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useId, useState, type JSX } from 'react';
import type { CallState } from '../../contract/schema';
import { callTitleKey, endReasonKey, statusKey } from '../callWords';
import { partyName, peerOf } from '../format';
import { useCall } from '../hooks/useCall';
import { useI18n } from '../i18n/I18nContext';
import { Profiled } from '../Profiled';
import { isHeld } from '../selectors';
import { CallMessages } from './CallMessages';
import { CallTimer } from './CallTimer';
import { CallToolbar, type CallPanel } from './CallToolbar';
import { CallTones } from './CallTones';
import { CallWarnings } from './CallWarnings';
import { CallOverlay } from './KeypadOverlay';
import { TransferPanel } from './TransferPanel';
import { VolumeMeter } from './VolumeMeter';

function chipColor(call: CallState): ChipProps['color'] {
  if (isHeld(call)) return 'warning';
  if (call.status === 'open') return 'success';
  if (call.status === 'reconnecting') return 'warning';
  return call.status === 'closed' ? 'default' : 'info';
}

interface BodyProps {
  callSid: string;
  headingId: string;
  panel: CallPanel;
  onPanel: (panel: CallPanel) => void;
}

function ActiveCallBody({ callSid, headingId, panel, onPanel }: BodyProps): JSX.Element | null {
  const { t } = useI18n();
  const call = useCall(callSid);
  const panelId = useId();
  if (!call) return null;
  const closed = call.status === 'closed';
  const connected = call.status === 'open' || call.status === 'reconnecting';
  const name = partyName(peerOf(call), t);

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
        <Typography
          id={headingId}
          component="h3"
          variant="subtitle1"
          sx={{ fontWeight: 700, mr: 'auto', overflowWrap: 'anywhere' }}
        >
          {t(callTitleKey(call), { name })}
        </Typography>
        <Chip size="small" label={t(statusKey(call))} color={chipColor(call)} />
      </Box>
      <Typography variant="caption" color="text.secondary">
        {call.codec ? t('call.codec', { codec: call.codec }) : t('call.noCodec')}
        {closed ? ` · ${t(endReasonKey(call.endReason))}` : ''}
      </Typography>
      {(call.status === 'reconnecting' || call.reconnecting) && (
        <Alert severity="warning" role="status">
          {t('call.reconnectingBanner')}
        </Alert>
      )}
      <CallWarnings warnings={call.warnings} />
      {!closed && <CallToolbar call={call} panel={panel} panelId={panelId} onPanel={onPanel} />}
      {call.muted && !closed && <Typography variant="body2">{t('call.muted')}</Typography>}
      {isHeld(call) && !closed && <Typography variant="body2">{t('call.heldNote', { name })}</Typography>}
      {call.consultFor !== null && <ConsultNote consultFor={call.consultFor} />}
      {panel === 'keypad' && connected && (
        <CallOverlay
          id={panelId}
          title={t('keypad.title')}
          closeLabel={t('keypad.close')}
          onClose={() => onPanel(null)}
        >
          <CallTones callSid={callSid} />
        </CallOverlay>
      )}
      {panel === 'transfer' && call.status === 'open' && (
        <CallOverlay
          id={panelId}
          title={t('transfer.region', { name })}
          closeLabel={t('transfer.cancel')}
          onClose={() => onPanel(null)}
        >
          <TransferPanel call={call} onDone={() => onPanel(null)} />
        </CallOverlay>
      )}
    </Box>
  );
}

/** On a consult call: whose call it is about (the held party waiting for the transfer). */
function ConsultNote({ consultFor }: { consultFor: string }): JSX.Element {
  const { t } = useI18n();
  const original = useCall(consultFor);
  return (
    <Typography variant="body2">
      {t('transfer.consultFor', { name: partyName(original ? peerOf(original) : null, t) })}
    </Typography>
  );
}

function ActiveCallMessages({ callSid }: { callSid: string }): JSX.Element | null {
  const call = useCall(callSid);
  if (!call) return null;
  return (
    <CallMessages
      callSid={callSid}
      messages={call.messages}
      canSend={call.status === 'open' || call.status === 'reconnecting'}
    />
  );
}

export function ActiveCall({ callSid }: { callSid: string }): JSX.Element {
  const { t } = useI18n();
  const headingId = useId();
  const [panel, setPanel] = useState<CallPanel>(null);
  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      variant="outlined"
      sx={{
        p: 1.5,
        display: 'flex',
        flexDirection: 'column',
        gap: 1,
        position: 'relative',
        // The overlay panels need room for twelve keys (or the transfer form), even over a short call card.
        minHeight: panel ? '26rem' : undefined,
      }}
    >
      <Profiled id="call-body">
        <ActiveCallBody callSid={callSid} headingId={headingId} panel={panel} onPanel={setPanel} />
      </Profiled>
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }}>
        <Profiled id="call-timer">
          <CallTimer callSid={callSid} />
        </Profiled>
        <Profiled id="call-input-meter">
          <VolumeMeter label={t('meter.you')} channel="input" callSid={callSid} />
        </Profiled>
        <Profiled id="call-output-meter">
          <VolumeMeter label={t('meter.them')} channel="output" callSid={callSid} />
        </Profiled>
      </Box>
      {/* Same section id: the message log is call body too, it just sits below the meters. */}
      <Profiled id="call-body">
        <ActiveCallMessages callSid={callSid} />
      </Profiled>
    </Paper>
  );
}
