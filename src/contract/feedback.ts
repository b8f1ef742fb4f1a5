/** Call quality feedback (`Call.postFeedback`): a score of 1 to 5 and one of the SDK's issue names. */
import * as z from 'zod/mini';
import type { Check } from './check.js';
import { FEEDBACK_ISSUES, type FeedbackIssue } from './names.js';

export { FEEDBACK_ISSUES, type FeedbackIssue } from './names.js';

export const FeedbackIssueSchema = z.enum(FEEDBACK_ISSUES);

export const FeedbackScoreSchema = z.number().check(z.int(), z.minimum(1), z.maximum(5));

export function isFeedbackIssue(value: unknown): value is FeedbackIssue {
  return (FEEDBACK_ISSUES as readonly unknown[]).includes(value);
}

export function checkFeedback(score: unknown, issue: unknown): Check {
  if (!FeedbackScoreSchema.safeParse(score).success) {
    return { ok: false, reason: 'Feedback score must be a whole number from 1 to 5.' };
  }
  if (issue !== undefined && !isFeedbackIssue(issue)) {
    return { ok: false, reason: `Feedback issue must be one of ${FEEDBACK_ISSUES.join(', ')}.` };
  }
  return { ok: true };
}
