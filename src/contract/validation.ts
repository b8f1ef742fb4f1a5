/**
 * Input validation shared by the bus, the service and the UI, so a number refused in the dial pad is
 * refused identically over the bus.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { DTMF_PATTERN, MAX_DTMF_LENGTH } from './schema';

/** Twilio client identities: letters, digits and a few punctuation marks, at most 121 characters. */
export const IDENTITY_PATTERN = /^[A-Za-z0-9_.@+-]{1,121}$/;

export type DialTarget =
  | { kind: 'client'; identity: string; /** what goes into the SDK's `To` param */ to: string }
  | { kind: 'number'; e164: string; to: string };

export type DialTargetResult = { ok: true; target: DialTarget } | { ok: false; reason: string };

/**
 * Accepts `client:NAME` (Twilio client identity) or a phone number in E.164 (`+` and country code).
 * Spaces, dashes and brackets in numbers are tolerated and normalised away.
 */
export function parseDialTarget(input: string): DialTargetResult {
  const raw = input.trim();
  if (raw.length === 0) return { ok: false, reason: 'Enter a number or client:name.' };
  if (/^client:/i.test(raw)) {
    const identity = raw.slice('client:'.length);
    if (!IDENTITY_PATTERN.test(identity)) {
      return { ok: false, reason: 'A client identity uses letters, digits and _ . @ + - (at most 121 characters).' };
    }
    return { ok: true, target: { kind: 'client', identity, to: `client:${identity}` } };
  }
  if (!raw.startsWith('+')) {
    return { ok: false, reason: 'Numbers need the international format: + then the country code, e.g. +14155550100.' };
  }
  if (!/^\+[0-9 ()\-.]+$/.test(raw)) return { ok: false, reason: 'A phone number may contain only digits after the +.' };
  const parsed = parsePhoneNumberFromString(raw);
  if (!parsed || !parsed.isValid()) return { ok: false, reason: `${raw} is not a valid phone number.` };
  return { ok: true, target: { kind: 'number', e164: parsed.number, to: parsed.number } };
}

export type DigitsResult = { ok: true; digits: string } | { ok: false; reason: string };

export function validateDigits(digits: unknown): DigitsResult {
  if (typeof digits !== 'string' || digits.length === 0) return { ok: false, reason: 'Digits must be a non-empty string.' };
  if (digits.length > MAX_DTMF_LENGTH) return { ok: false, reason: `At most ${MAX_DTMF_LENGTH} digits at once.` };
  if (!DTMF_PATTERN.test(digits)) return { ok: false, reason: 'Only 0-9, *, # and w (pause) can be sent as tones.' };
  return { ok: true, digits };
}
