/**
 * One call in progress. Split into sibling sections (body, timer, meters, message log) so the 1 Hz
 * timer and the ~20 Hz volume meters re-render themselves only, never the body with its controls. The keypad and
 * the transfer form open as an overlay of the lower part of the card (meters and messages), so the toolbar with
 * Hang up stays in reach.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
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
import { StatusChip, type StatusTone } from './StatusChip';
import { TransferPanel } from './TransferPanel';
import { VolumeMeter } from './VolumeMeter';
import '../i18n/callTexts'; // this screen's texts, with its chunk

function toneOf(call: CallState): StatusTone {
  if (isHeld(call) || call.status === 'reconnecting') return 'warning';
  if (call.status === 'open') return 'success';
  return call.status === 'closed' ? 'neutral' : 'info';
}

interface BodyProps {
  callSid: string;
  headingId: string;
  panel: CallPanel;
  panelId: string;
  onPanel: (panel: CallPanel) => void;
}

function ActiveCallBody({ callSid, headingId, panel, panelId, onPanel }: BodyProps): JSX.Element | null {
  const { t } = useI18n();
  const call = useCall(callSid);
  if (!call) return null;
  const closed = call.status === 'closed';
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
        <StatusChip label={t(statusKey(call))} tone={toneOf(call)} />
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
      {call.muted && !closed && !isHeld(call) && <Typography variant="body2">{t('call.muted')}</Typography>}
      {isHeld(call) && !closed && <Typography variant="body2">{t('call.heldNote', { name })}</Typography>}
      {call.consultFor !== null && <ConsultNote consultFor={call.consultFor} />}
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

/** The open panel (keypad or transfer form), while the call can still use it. */
function CallPanelOverlay(props: { callSid: string; panel: CallPanel; id: string; onClose: () => void }) {
  const { t } = useI18n();
  const call = useCall(props.callSid);
  if (!call || !props.panel) return null;
  const connected = call.status === 'open' || call.status === 'reconnecting';
  if (props.panel === 'keypad' && connected && !isHeld(call)) {
    return (
      <CallOverlay id={props.id} title={t('keypad.title')} closeLabel={t('keypad.close')} onClose={props.onClose}>
        <CallTones callSid={props.callSid} />
      </CallOverlay>
    );
  }
  if (props.panel === 'transfer' && call.status === 'open') {
    return (
      <CallOverlay
        id={props.id}
        title={t('transfer.region', { name: partyName(peerOf(call), t) })}
        onClose={props.onClose}
      >
        <TransferPanel call={call} onDone={props.onClose} />
      </CallOverlay>
    );
  }
  return null;
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
  const panelId = useId();
  const [panel, setPanel] = useState<CallPanel>(null);
  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      variant="outlined"
      sx={{
        p: 1.5,
        display: 'grid',
        gridTemplateAreas: '"body" "lower"',
        gridTemplateColumns: 'minmax(0, 1fr)',
        gap: 1,
      }}
    >
      <Box sx={{ gridArea: 'body', minWidth: 0 }}>
        <Profiled id="call-body">
          <ActiveCallBody callSid={callSid} headingId={headingId} panel={panel} panelId={panelId} onPanel={setPanel} />
        </Profiled>
      </Box>
      <Box
        sx={{
          gridArea: 'lower',
          minWidth: 0,
          display: 'flex',
          flexDirection: 'column',
          gap: 1,
          // Room for twelve keys (or the transfer form) over a short lower part.
          minHeight: panel ? '26rem' : undefined,
        }}
      >
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
      </Box>
      {panel && (
        <Box sx={{ gridArea: 'lower', position: 'relative', zIndex: 1, minWidth: 0 }}>
          <Profiled id="call-body">
            <CallPanelOverlay callSid={callSid} panel={panel} id={panelId} onClose={() => setPanel(null)} />
          </Profiled>
        </Box>
      )}
    </Paper>
  );
}
