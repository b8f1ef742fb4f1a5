/** A 1–5 quality score and an optional issue in plain words, sent with postFeedback. Skippable. */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Rating from '@mui/material/Rating';
import Typography from '@mui/material/Typography';
import { useId, useState, type FormEvent, type JSX } from 'react';
import { FEEDBACK_ISSUES, FeedbackIssueSchema, type CallState, type FeedbackIssue } from '../../contract/schema';
import { partyName, peerOf } from '../format';
import { useAction } from '../hooks/useAction';
import { useI18n } from '../i18n/I18nContext';
import { useSoftphoneService } from '../ServiceContext';
import { ActionError } from './ActionError';
import { NativeSelectField } from './Field';
import '../i18n/callTexts'; // this screen's texts, with its chunk

/** Rating derives the value from pointer position; anything but 1..5 is treated as no choice. */
function isScore(value: number | null): value is number {
  return value !== null && Number.isInteger(value) && value >= 1 && value <= 5;
}

export interface FeedbackFormProps {
  call: CallState;
  /** `sent`: the service accepted the feedback (the caller shows the confirmation). */
  onDone: (sent: boolean) => void;
}

export function FeedbackForm({ call, onDone }: FeedbackFormProps): JSX.Element {
  const service = useSoftphoneService();
  const { t } = useI18n();
  const [score, setScore] = useState<number | null>(null);
  const [issue, setIssue] = useState<FeedbackIssue | ''>('');
  const send = useAction((value: number, chosen?: FeedbackIssue) => service.postFeedback(value, chosen, call.sid));
  const headingId = useId();
  const ratingLabelId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (score === null) return;
    if (await send.run(score, issue === '' ? undefined : issue)) onDone(true);
  };

  return (
    <Paper component="section" aria-labelledby={headingId} variant="outlined" sx={{ p: 1.5 }}>
      <Typography id={headingId} component="h4" variant="subtitle2" sx={{ fontWeight: 700 }}>
        {t('fb.question', { name: partyName(peerOf(call), t) })}
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
            {t('fb.score')}
          </Typography>
          <Box role="radiogroup" aria-labelledby={ratingLabelId}>
            <Rating
              name={`feedback-score-${call.sid}`}
              value={score}
              max={5}
              getLabelText={(value: number) => t('fb.scoreValue', { value })}
              emptyLabelText={t('fb.noScore')}
              onChange={(_event, value) => setScore(isScore(value) ? value : null)}
            />
          </Box>
        </Box>
        <NativeSelectField
          label={t('fb.issue')}
          value={issue}
          onChange={(event) => {
            const parsed = FeedbackIssueSchema.safeParse(event.target.value);
            setIssue(parsed.success ? parsed.data : '');
          }}
        >
          <option value="">{t('fb.none')}</option>
          {FEEDBACK_ISSUES.map((name) => (
            <option key={name} value={name}>
              {t(`fb.issue.${name}`)}
            </option>
          ))}
        </NativeSelectField>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
          <Button type="submit" variant="contained" disabled={score === null || send.pending}>
            {t('fb.send')}
          </Button>
          <Button type="button" variant="text" onClick={() => onDone(false)}>
            {t('fb.skip')}
          </Button>
        </Box>
        {score === null && <Typography variant="caption">{t('fb.choose')}</Typography>}
        <ActionError error={send.error} onClose={send.clearError} />
      </Box>
    </Paper>
  );
}
