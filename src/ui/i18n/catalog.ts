/**
 * The message catalogs by locale and a host's overrides (`messages` prop) merged over them. A locale such as
 * `es-MX` uses the `es` catalog; a locale without a catalog uses English (Intl still formats for it).
 */
import { en, type UiMessageKey } from './en';
import { errorsEn, type ErrorMessageKey } from './errorsEn';
import { errorsEs } from './errorsEs';
import { es } from './es';

export type MessageKey = UiMessageKey | ErrorMessageKey;
export type Messages = Readonly<Record<MessageKey, string>>;
export type MessageOverrides = Readonly<Partial<Record<string, string>>>;

const CATALOGS: Readonly<Record<string, Messages>> = {
  en: { ...en, ...errorsEn },
  es: { ...es, ...errorsEs },
};

export const SHIPPED_LOCALES = Object.keys(CATALOGS);

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(CATALOGS.en, key);
}

/** The catalog of a BCP 47 tag's language: `es-MX` → es; unknown → en. */
export function catalogFor(locale: string): Messages {
  const language = locale.toLowerCase().split('-')[0] ?? 'en';
  return CATALOGS[language] ?? (CATALOGS.en as Messages);
}

/** The locale's catalog with the host's strings for known keys on top (unknown keys are ignored). */
export function resolveMessages(locale: string, overrides: MessageOverrides = {}): Messages {
  const base = catalogFor(locale);
  const own = Object.entries(overrides).filter(
    (entry): entry is [MessageKey, string] => isMessageKey(entry[0]) && typeof entry[1] === 'string',
  );
  return own.length === 0 ? base : { ...base, ...Object.fromEntries(own) };
}

/** `{name}` placeholders replaced by the given values; unknown placeholders stay as written. */
export function fill(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
