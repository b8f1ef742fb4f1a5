/**
 * Argument checks for service commands that the shared validation module does not cover. The bus
 * validates its envelopes too, but the service is also called directly by the UI, so it checks again.
 */
import { z } from 'zod';
import { FEEDBACK_ISSUES, MAX_MESSAGE_BYTES, MAX_PARAM_COUNT, type FeedbackIssue } from './schema';

export const DialParamsSchema = z
  .record(z.string().min(1).max(64), z.string().max(1024))
  .refine((p) => Object.keys(p).length <= MAX_PARAM_COUNT, { message: `at most ${MAX_PARAM_COUNT} params` });

export const DEFAULT_MESSAGE_TYPE = 'user-defined-message';

/** UTF-8 length of a string, without TextEncoder (absent in some test environments). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }
  return bytes;
}

export type Check = { ok: true } | { ok: false; reason: string };

export function checkMessage(content: unknown, messageType: unknown): Check {
  if (typeof messageType !== 'string' || messageType.length === 0 || messageType.length > 64) {
    return { ok: false, reason: 'messageType must be a non-empty string of at most 64 characters.' };
  }
  if (content === undefined || content === null) return { ok: false, reason: 'Message content is empty.' };
  let serialized: string | undefined;
  try {
    serialized = JSON.stringify(content);
  } catch {
    return { ok: false, reason: 'Message content must be JSON-serialisable.' };
  }
  if (serialized === undefined) return { ok: false, reason: 'Message content must be JSON-serialisable.' };
  if (utf8ByteLength(serialized) > MAX_MESSAGE_BYTES) {
    return { ok: false, reason: `Message content exceeds ${MAX_MESSAGE_BYTES} bytes once serialised.` };
  }
  return { ok: true };
}

export function checkFeedback(score: unknown, issue: unknown): Check {
  if (typeof score !== 'number' || !Number.isInteger(score) || score < 1 || score > 5) {
    return { ok: false, reason: 'Feedback score must be a whole number from 1 to 5.' };
  }
  if (issue !== undefined && !(FEEDBACK_ISSUES as readonly unknown[]).includes(issue)) {
    return { ok: false, reason: `Feedback issue must be one of ${FEEDBACK_ISSUES.join(', ')}.` };
  }
  return { ok: true };
}

export function isFeedbackIssue(value: unknown): value is FeedbackIssue {
  return (FEEDBACK_ISSUES as readonly unknown[]).includes(value);
}

export function checkDeviceIds(ids: unknown): Check {
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 8) return { ok: false, reason: 'Give between 1 and 8 device ids.' };
  if (!ids.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 512)) {
    return { ok: false, reason: 'Device ids are non-empty strings.' };
  }
  return { ok: true };
}
