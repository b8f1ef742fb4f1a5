/**
 * The rules of `dial`'s `to` (dialTarget.ts) without the phone metadata: `client:NAME` is checked in full, a
 * number up to its format (`+` then digits); whether the number exists is libphonenumber's answer, given by a
 * parser the caller supplies. So the browser's bus host refuses a malformed target at once, and loads the
 * metadata (phoneNumbers.ts) only when a number is dialled or typed.
 */
import { IDENTITY_PATTERN } from './identityRule.js';

export type DialTarget =
  | { kind: 'client'; identity: string; /** what goes into the SDK's `To` param */ to: string }
  | { kind: 'number'; e164: string; to: string };

export type DialTargetResult = { ok: true; target: DialTarget } | { ok: false; reason: string };

/** A number in the right format, still to be checked against the phone metadata. */
export type DialTargetShape = DialTargetResult | { ok: 'number'; raw: string };

/** libphonenumber's `parsePhoneNumberFromString` (or anything that answers like it). */
export type PhoneNumberParser = (raw: string) => { number: string; isValid(): boolean } | undefined;

/** Everything but the metadata check: a final result, or the number the metadata must confirm. */
export function readDialTargetShape(input: string): DialTargetShape {
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
  if (!/^\+[0-9 ()\-.]+$/.test(raw))
    return { ok: false, reason: 'A phone number may contain only digits after the +.' };
  return { ok: 'number', raw };
}

/** The whole check, with the metadata's parser. */
export function parseDialTargetWith(parse: PhoneNumberParser, input: string): DialTargetResult {
  const shape = readDialTargetShape(input);
  if (shape.ok !== 'number') return shape;
  const parsed = parse(shape.raw);
  if (!parsed || !parsed.isValid()) return { ok: false, reason: `${shape.raw} is not a valid phone number.` };
  return { ok: true, target: { kind: 'number', e164: parsed.number, to: parsed.number } };
}
