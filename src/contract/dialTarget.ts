/**
 * What `dial` accepts as `to`: `client:NAME` or an E.164 number. Shared by the dial pad, the bus and the
 * service, so a number refused in the dial pad is refused identically over the bus. The only contract
 * module that loads libphonenumber's metadata: keep it out of modules the entry bundle needs.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { IDENTITY_PATTERN } from './identity.js';

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
  if (!/^\+[0-9 ()\-.]+$/.test(raw))
    return { ok: false, reason: 'A phone number may contain only digits after the +.' };
  const parsed = parsePhoneNumberFromString(raw);
  if (!parsed || !parsed.isValid()) return { ok: false, reason: `${raw} is not a valid phone number.` };
  return { ok: true, target: { kind: 'number', e164: parsed.number, to: parsed.number } };
}
