/**
 * The message catalogs by locale and a host's overrides (`messages` prop) merged over them. A locale such as
 * `es-MX` uses the `es` catalog; a locale without a catalog uses English (Intl still formats for it). English is
 * built in, but only its idle-screen part (enIdle) at mount: the call screens' texts (enCalls) join the English
 * catalog when their chunk loads (callTexts.ts), before any call screen renders. Every other catalog is a lazy chunk
 * (loadCatalog), so a mount in English never downloads Spanish.
 */
import type { UiMessageKey } from './en';
import type { enCalls } from './enCalls';
import { enIdle } from './enIdle';
import { errorsEn, type ErrorMessageKey } from './errorsEn';

export type MessageKey = UiMessageKey | ErrorMessageKey;
export type Messages = Readonly<Record<MessageKey, string>>;
export type MessageOverrides = Readonly<Partial<Record<string, string>>>;

/**
 * English. Typed whole: the keys it lacks at mount (enCalls) are only looked up by the call screens, whose modules
 * add them (addCallTexts) before they can render; test/ui/catalogSplit.test.ts holds that split to the sources.
 */
const ENGLISH = { ...enIdle, ...errorsEn } as Record<string, string> as Messages;

/** Adds the call screens' English texts to the English catalog (callTexts.ts, in the call screens' chunk). */
export function addCallTexts(texts: typeof enCalls): void {
  Object.assign(ENGLISH, texts);
}

/** The catalogs other than English, each loaded on demand. */
const LAZY_CATALOGS: Readonly<Record<string, () => Promise<Messages>>> = {
  es: () => import(/* webpackChunkName: "softphone-es" */ './catalogEs').then((module) => module.catalogEs),
};

const loadedCatalogs = new Map<string, Messages>([['en', ENGLISH]]);
const loadingCatalogs = new Map<string, Promise<void>>();

export const SHIPPED_LOCALES = ['en', ...Object.keys(LAZY_CATALOGS)];

/** Whether the key is in the English catalog now (the error codes' keys are there from mount on). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(ENGLISH, key);
}

function languageOf(locale: string): string {
  return locale.toLowerCase().split('-')[0] ?? 'en';
}

/** Whether the locale's texts can render now: English, a language without a catalog, or one already loaded. */
export function isCatalogReady(locale: string): boolean {
  const language = languageOf(locale);
  return !LAZY_CATALOGS[language] || loadedCatalogs.has(language);
}

/** Loads the locale's catalog if it has one; a failed load is forgotten, so the next call tries again. */
export function loadCatalog(locale: string): Promise<void> {
  const language = languageOf(locale);
  const importCatalog = LAZY_CATALOGS[language];
  if (!importCatalog || loadedCatalogs.has(language)) return Promise.resolve();
  let loading = loadingCatalogs.get(language);
  if (!loading) {
    loading = importCatalog().then(
      (messages) => {
        loadedCatalogs.set(language, messages);
        loadingCatalogs.delete(language);
      },
      (error: unknown) => {
        loadingCatalogs.delete(language);
        throw error;
      },
    );
    loadingCatalogs.set(language, loading);
  }
  return loading;
}

/** The catalog of a BCP 47 tag's language: `es-MX` → es; unknown, or not loaded yet → en. */
export function catalogFor(locale: string): Messages {
  return loadedCatalogs.get(languageOf(locale)) ?? ENGLISH;
}

/**
 * The host's strings (string values only): looked up by catalog key before the locale's catalog, so a key the
 * catalog does not know is never asked for and so ignored, and a key whose English text comes later (the call
 * screens') is taken as given.
 */
export function ownMessages(overrides: MessageOverrides = {}): Readonly<Partial<Record<string, string>>> {
  return Object.fromEntries(Object.entries(overrides).filter((entry) => typeof entry[1] === 'string'));
}

/** `{name}` placeholders replaced by the given values; unknown placeholders stay as written. */
export function fill(template: string, params: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}
