/**
 * One call in progress. Split into sibling sections (body, timer, meters, message log) so the 1 Hz
 * timer and the ~20 Hz volume meters re-render themselves only, never the body with its controls.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip, { type ChipProps } from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useId, useState, type JSX } from 'react';
import type { CallState, CallStatus } from '../../contract/schema';
import { useAction } from '../hooks/useAction';
import { useCall } from '../hooks/useCall';
import { Profiled } from '../Profiled';
import { partyName } from '../text';
import { useSoftphoneService } from '../ServiceContext';
import { ActionError } from './ActionError';
import { CallMessages } from './CallMessages';
import { CallTimer } from './CallTimer';
import { CallTones } from './CallTones';
import { CallWarnings } from './CallWarnings';
import { VolumeMeter } from './VolumeMeter';

const STATUS_COLOR: Record<CallStatus, ChipProps['color']> = {
  pending: 'default',
  connecting: 'info',
  ringing: 'info',
  open: 'success',
  reconnecting: 'warning',
  closed: 'default',
};

function callTitle(call: CallState): string {
  return call.direction === 'outgoing' ? `Call to ${partyName(call.to)}` : `Call from ${partyName(call.from)}`;
}

function ActiveCallBody({ callSid, headingId }: { callSid: string; headingId: string }): JSX.Element | null {
  const service = useSoftphoneService();
  const call = useCall(callSid);
  const mute = useAction((muted: boolean) => service.mute(muted, callSid));
  const hangup = useAction(() => service.hangup(callSid));
  const [showKeypad, setShowKeypad] = useState(false);
  const keypadId = useId();
  if (!call) return null;

  const closed = call.status === 'closed';
  const connected = call.status === 'open' || call.status === 'reconnecting';

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
        <Typography
          id={headingId}
          component="h3"
          variant="subtitle1"
          sx={{ fontWeight: 700, mr: 'auto', overflowWrap: 'anywhere' }}
        >
          {callTitle(call)}
        </Typography>
        <Chip size="small" label={call.status} color={STATUS_COLOR[call.status]} />
      </Box>
      <Typography variant="body2">
        Direction: {call.direction} · Codec: {call.codec ?? 'not negotiated yet'}
        {closed && call.endReason ? ` · Ended: ${call.endReason}` : ''}
      </Typography>
      {(call.status === 'reconnecting' || call.reconnecting) && (
        <Alert severity="warning" role="status">
          Reconnecting… The connection dropped. The call resumes on its own if the network comes back.
        </Alert>
      )}
      <CallWarnings warnings={call.warnings} />
      {!closed && (
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
          <Button
            variant="outlined"
            aria-pressed={call.muted}
            disabled={!connected || mute.pending}
            onClick={() => void mute.run(!call.muted)}
          >
            Mute
          </Button>
          <Button
            variant="outlined"
            aria-expanded={showKeypad}
            aria-controls={keypadId}
            disabled={!connected}
            onClick={() => setShowKeypad((v) => !v)}
          >
            Keypad
          </Button>
          <Button variant="contained" color="error" disabled={hangup.pending} onClick={() => void hangup.run()}>
            Hang up
          </Button>
        </Box>
      )}
      {call.muted && !closed && <Typography variant="body2">Your microphone is muted.</Typography>}
      <ActionError error={mute.error} onClose={mute.clearError} />
      <ActionError error={hangup.error} onClose={hangup.clearError} />
      {showKeypad && connected && (
        <Box id={keypadId}>
          <CallTones callSid={callSid} />
        </Box>
      )}
    </Box>
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
  const headingId = useId();
  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      variant="outlined"
      sx={{ p: 1.5, display: 'flex', flexDirection: 'column', gap: 1 }}
    >
      <Profiled id="call-body">
        <ActiveCallBody callSid={callSid} headingId={headingId} />
      </Profiled>
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }}>
        <Profiled id="call-timer">
          <CallTimer callSid={callSid} />
        </Profiled>
        <Profiled id="call-input-meter">
          <VolumeMeter label="Your voice" channel="input" callSid={callSid} />
        </Profiled>
        <Profiled id="call-output-meter">
          <VolumeMeter label="Their voice" channel="output" callSid={callSid} />
        </Profiled>
      </Box>
      {/* Same section id: the message log is call body too, it just sits below the meters. */}
      <Profiled id="call-body">
        <ActiveCallMessages callSid={callSid} />
      </Profiled>
    </Paper>
  );
}
