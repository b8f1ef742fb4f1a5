import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { DialPolicyConfig } from '../config.js';
import { isValidIdentity } from '../tokens/identity.js';

export type DialRefusal =
  'invalid_number' | 'short_code' | 'premium_rate' | 'country_not_allowed' | 'no_caller_id' | 'invalid_target';

/** Where a `To` from Twilio's webhook may go: a client, a phone number that passed the policy, or nowhere. */
export type DialDecision =
  | { kind: 'client'; identity: string }
  | { kind: 'number'; number: string; country: string }
  | { kind: 'refused'; reason: DialRefusal; detail: string };

const E164 = /^\+[1-9]\d{1,14}$/;
/** Digits only (with or without +) that are no full number: carrier short codes like 4357 or +12345. */
const SHORT_CODE = /^\+?\d{2,8}$/;
/** Numbering-plan types that cost the caller more than a normal call (libphonenumber's classification). */
const PREMIUM_TYPES = new Set(['PREMIUM_RATE', 'SHARED_COST']);

const refused = (reason: DialRefusal, detail: string): DialDecision => ({ kind: 'refused', reason, detail });

function checkNumber(number: string, policy: DialPolicyConfig, callerId: string | undefined): DialDecision {
  const blocked = policy.blockedPrefixes.find((prefix) => number.startsWith(prefix));
  if (blocked) return refused('premium_rate', `${blocked} numbers are premium-rate`);
  const parsed = parsePhoneNumberFromString(number);
  if (!parsed?.isValid())
    return refused(SHORT_CODE.test(number) ? 'short_code' : 'invalid_number', 'not a valid phone number');
  const type = parsed.getType();
  if (type && PREMIUM_TYPES.has(type)) return refused('premium_rate', `${type.toLowerCase().replace('_', '-')} number`);
  const country = parsed.country;
  if (!country || !policy.allowedCountries.includes(country)) {
    return refused('country_not_allowed', `${country ?? 'unknown country'} is not in DIAL_ALLOWED_COUNTRIES`);
  }
  // Twilio needs a verified caller id for the PSTN; only the configured one is ever used, never one from the request.
  if (!callerId) return refused('no_caller_id', 'TWILIO_CALLER_ID is not configured');
  return { kind: 'number', number: parsed.number, country };
}

/** Decides what a webhook `To` dials: `client:NAME`/NAME → client, E.164 → policy-checked number, anything else refused. */
export function decideDial(
  to: string | undefined,
  policy: DialPolicyConfig,
  callerId: string | undefined,
): DialDecision {
  const target = (to ?? '').trim();
  if (E164.test(target)) return checkNumber(target, policy, callerId);
  if (SHORT_CODE.test(target)) return refused('short_code', 'short codes are not dialled');
  const name = target.startsWith('client:') ? target.slice('client:'.length) : target;
  if (isValidIdentity(name)) return { kind: 'client', identity: name };
  return refused('invalid_target', 'neither a client identity nor an E.164 number');
}
