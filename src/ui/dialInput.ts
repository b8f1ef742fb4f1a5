/**
 * What the dial box's text means: `client:NAME`, a bare name (offered as `client:NAME`), an E.164 number, or, with
 * a default country, a national number formatted to E.164. Reasons are catalog keys, so they read in any locale;
 * the service checks the resulting `to` again (parseDialTarget), so the bus and the UI accept the same targets.
 * Numbers need libphonenumber, which loads on demand (contract/phoneNumbers.ts, hooks/usePhoneNumbers.ts): until it
 * is there a number reads as "nothing to say yet", so the hint stays and Call waits.
 */
import type { CountryCode } from 'libphonenumber-js/min';
import { IDENTITY_PATTERN } from '../contract/identityRule';
import type { PhoneNumbers } from '../contract/phoneNumbers';
import type { MessageKey } from './i18n/catalog';
import type { Translator } from './i18n/translator';

export type DialInput =
  | { ok: true; kind: 'client' | 'number'; to: string; shown: string }
  | { ok: false; reason: MessageKey; params?: Readonly<Record<string, string>> };

const PHONE_CHARACTERS = /^[0-9 ()\-.]+$/;

function supportedCountry(phone: PhoneNumbers, country: string | null): CountryCode | null {
  return country && phone.isSupportedCountry(country) ? country : null;
}

function client(identity: string): DialInput {
  return IDENTITY_PATTERN.test(identity)
    ? { ok: true, kind: 'client', to: `client:${identity}`, shown: identity }
    : { ok: false, reason: 'dial.reason.identity' };
}

function phoneNumber(phone: PhoneNumbers, raw: string, country: CountryCode | null): DialInput {
  const parsed = country ? phone.parsePhoneNumberFromString(raw, country) : phone.parsePhoneNumberFromString(raw);
  if (!parsed || !parsed.isValid()) return { ok: false, reason: 'dial.reason.invalid', params: { number: raw } };
  return { ok: true, kind: 'number', to: parsed.number, shown: parsed.formatInternational() };
}

/** null: nothing to say yet (an empty box, or a number while `phone`, the phone library, is still loading). */
export function readDialInput(
  input: string,
  defaultCountry: string | null,
  phone: PhoneNumbers | null,
): DialInput | null {
  const raw = input.trim();
  if (raw.length === 0) return null;
  if (/^client:/i.test(raw)) return client(raw.slice('client:'.length));
  if (raw.startsWith('+')) {
    if (!/^\+[0-9 ()\-.]+$/.test(raw)) return { ok: false, reason: 'dial.reason.digits' };
    return phone && phoneNumber(phone, raw, null);
  }
  if (PHONE_CHARACTERS.test(raw) && /[0-9]/.test(raw)) {
    if (!phone) return null;
    const country = supportedCountry(phone, defaultCountry);
    return country ? phoneNumber(phone, raw, country) : { ok: false, reason: 'dial.reason.international' };
  }
  // Anything else that is a valid identity is someone's app name: offered as client:NAME.
  return client(raw);
}

/** The helper line under a target field: the hint while empty, why the text is refused, or whom it will call. */
export function dialInputHelper(parsed: DialInput | null, hint: string, t: Translator['t']): string {
  if (!parsed) return hint;
  if (!parsed.ok) return t(parsed.reason, parsed.params);
  return parsed.kind === 'client'
    ? t('dial.willCallClient', { name: parsed.shown })
    : t('dial.willCall', { target: parsed.shown });
}
