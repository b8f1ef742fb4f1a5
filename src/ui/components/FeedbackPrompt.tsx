/** After a call closes: a 1–5 quality score and an optional SDK issue name, sent with postFeedback. Skippable. */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Rating from '@mui/material/Rating';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useId, useState, type FormEvent, type JSX } from 'react';
import {
  FEEDBACK_ISSUES,
  FeedbackIssueSchema,
  type CallState,
  type FeedbackIssue,
  type SoftphoneState,
} from '../../contract/schema';
import { useAction } from '../hooks/useAction';
import { useSoftphone } from '../hooks/useSoftphoneSelector';
import { lastClosedCall } from '../selectors';
import { FEEDBACK_ISSUE_LABELS, partyName } from '../text';
import { useSoftphoneService } from '../ServiceContext';
import { ActionError } from './ActionError';

/** Rating derives the value from pointer position; anything but 1..5 is treated as no choice. */
function isScore(value: number | null): value is number {
  return value !== null && Number.isInteger(value) && value >= 1 && value <= 5;
}

function FeedbackForm({ call, onDone }: { call: CallState; onDone: () => void }): JSX.Element {
  const service = useSoftphoneService();
  const [score, setScore] = useState<number | null>(null);
  const [issue, setIssue] = useState<FeedbackIssue | ''>('');
  const send = useAction((value: number, chosen?: FeedbackIssue) => service.postFeedback(value, chosen, call.sid));
  const headingId = useId();
  const ratingLabelId = useId();
  const other = call.direction === 'outgoing' ? call.to : call.from;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (score === null) return;
    if (await send.run(score, issue === '' ? undefined : issue)) onDone();
  };

  return (
    <Paper component="section" aria-labelledby={headingId} variant="outlined" sx={{ p: 1.5 }}>
      <Typography id={headingId} component="h3" variant="subtitle1" sx={{ fontWeight: 700 }}>
        How was your call with {partyName(other)}?
      </Typography>
      <Box
        component="form"
        aria-labelledby={headingId}
        noValidate
        onSubmit={(event: FormEvent) => void submit(event)}
        sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}
      >
        <Box>
          <Typography id={ratingLabelId} variant="body2">
            Call quality (1 = bad, 5 = excellent)
          </Typography>
          <Box role="radiogroup" aria-labelledby={ratingLabelId}>
            <Rating
              name={`feedback-score-${call.sid}`}
              value={score}
              max={5}
              getLabelText={(value: number) => `${value} out of 5`}
              onChange={(_event, value) => setScore(isScore(value) ? value : null)}
            />
          </Box>
        </Box>
        <TextField
          select
          size="small"
          label="What went wrong? (optional)"
          value={issue}
          onChange={(event) => {
            const parsed = FeedbackIssueSchema.safeParse(event.target.value);
            setIssue(parsed.success ? parsed.data : '');
          }}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        >
          <option value="">Nothing in particular</option>
          {FEEDBACK_ISSUES.map((name) => (
            <option key={name} value={name}>
              {FEEDBACK_ISSUE_LABELS[name]} ({name})
            </option>
          ))}
        </TextField>
        <Box sx={{ display: 'flex', gap: 1 }}>
          <Button type="submit" variant="contained" disabled={score === null || send.pending}>
            Send feedback
          </Button>
          <Button type="button" variant="text" onClick={onDone}>
            Skip
          </Button>
        </Box>
        {score === null && <Typography variant="caption">Choose a score to send feedback.</Typography>}
        <ActionError error={send.error} onClose={send.clearError} />
      </Box>
    </Paper>
  );
}

function selectLastClosed(state: SoftphoneState): CallState | null {
  return lastClosedCall(state.calls);
}

/** Offers feedback for the latest ended call once; sending or skipping hides it for good. */
export function FeedbackPrompt(): JSX.Element | null {
  const call = useSoftphone(selectLastClosed);
  const [done, setDone] = useState<ReadonlySet<string>>(() => new Set());
  const finish = useCallback((sid: string) => setDone((previous) => new Set(previous).add(sid)), []);
  // Only calls that actually connected have quality to rate.
  if (!call || call.answeredAt === null || call.feedbackSent || done.has(call.sid)) return null;
  return <FeedbackForm key={call.sid} call={call} onDone={() => finish(call.sid)} />;
}
