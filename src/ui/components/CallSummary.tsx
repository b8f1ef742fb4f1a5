/**
 * The after-call screen: who, how it ended, how long it lasted, then the optional feedback with a confirmation
 * once sent. Shown for the latest ended call until closed or until the next call starts.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useCallback, useId, useState, type JSX } from 'react';
import type { CallState, SoftphoneState } from '../../contract/schema';
import { endReasonKey } from '../callWords';
import { partyName, peerOf } from '../format';
import { useSoftphone } from '../hooks/useSoftphoneSelector';
import { useI18n } from '../i18n/I18nContext';
import { lastClosedCall } from '../selectors';
import { FeedbackForm } from './FeedbackPrompt';
import '../i18n/callTexts'; // this screen's texts, with its chunk

function selectLastClosed(state: SoftphoneState): CallState | null {
  return lastClosedCall(state.calls);
}

type Phase = 'asking' | 'thanked' | 'skipped' | 'closed';

function Summary({ call, phase, onPhase }: { call: CallState; phase: Phase; onPhase: (p: Phase) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const headingId = useId();
  const answered = call.answeredAt !== null;
  const asking = phase === 'asking' && answered && !call.feedbackSent;
  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      variant="outlined"
      sx={{ p: 1.5, display: 'flex', flexDirection: 'column', gap: 1 }}
    >
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1 }}>
        <Typography id={headingId} component="h3" variant="subtitle1" sx={{ fontWeight: 700, mr: 'auto' }}>
          {t('summary.title', { name: partyName(peerOf(call), t) })}
        </Typography>
        <Button size="small" onClick={() => onPhase('closed')}>
          {t('summary.close')}
        </Button>
      </Box>
      <Typography variant="body2">
        {t(endReasonKey(call.endReason))}{' '}
        {answered && call.answeredAt !== null
          ? t('summary.talked', { duration: i18n.span((call.endedAt ?? call.answeredAt) - call.answeredAt) })
          : t('summary.notAnswered')}
      </Typography>
      {asking && <FeedbackForm call={call} onDone={(sent) => onPhase(sent ? 'thanked' : 'skipped')} />}
      {phase === 'thanked' && (
        <Alert severity="success" role="status">
          {t('fb.thanks')}
        </Alert>
      )}
    </Paper>
  );
}

/** The latest ended call's summary; closing it (or Send / Skip on its feedback) is remembered per call. */
export function CallSummary(): JSX.Element | null {
  const call = useSoftphone(selectLastClosed);
  const [phases, setPhases] = useState<ReadonlyMap<string, Phase>>(() => new Map());
  const setPhase = useCallback(
    (sid: string, phase: Phase) => setPhases((previous) => new Map(previous).set(sid, phase)),
    [],
  );
  if (!call) return null;
  const phase = phases.get(call.sid) ?? 'asking';
  if (phase === 'closed') return null;
  return <Summary key={call.sid} call={call} phase={phase} onPhase={(next) => setPhase(call.sid, next)} />;
}
