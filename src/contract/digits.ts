/** DTMF tones a call can send: the set `Call.sendDigits` accepts. */

/** Digits, star, pound and `w` (half-second pause). */
export const DTMF_PATTERN = /^[0-9*#w]+$/;
export const MAX_DTMF_LENGTH = 256;

export type DigitsResult = { ok: true; digits: string } | { ok: false; reason: string };

export function validateDigits(digits: unknown): DigitsResult {
  if (typeof digits !== 'string' || digits.length === 0)
    return { ok: false, reason: 'Digits must be a non-empty string.' };
  if (digits.length > MAX_DTMF_LENGTH) return { ok: false, reason: `At most ${MAX_DTMF_LENGTH} digits at once.` };
  if (!DTMF_PATTERN.test(digits)) return { ok: false, reason: 'Only 0-9, *, # and w (pause) can be sent as tones.' };
  return { ok: true, digits };
}
