/**
 * Everything locale-dependent the UI renders: catalog strings, and numbers, durations and times through Intl.
 */
import { catalogFor, fill, ownMessages, type MessageKey, type MessageOverrides } from './catalog';

export type MessageParams = Readonly<Record<string, string | number>>;

export interface Translator {
  readonly locale: string;
  t(key: MessageKey, params?: MessageParams): string;
  /** A running clock: `m:ss`, or `h:mm:ss` from one hour on. */
  clock(ms: number): string;
  /** A length of time in words: "2 minutes", "45 seconds", "1 hour". */
  span(ms: number): string;
  /** "5 seconds ago", "3 minutes ago". */
  ago(ms: number): string;
  /** A time of day (hours and minutes). */
  time(at: number): string;
  /** A date and time, short. */
  dateTime(at: number): string;
  number(value: number): string;
}

/** A locale Intl accepts, else English (a host's typo must not break rendering). */
export function usableLocale(locale: string | undefined): string {
  if (!locale) return 'en';
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

export function createTranslator(requested?: string, overrides?: MessageOverrides): Translator {
  const locale = usableLocale(requested);
  // The catalog object itself, not a copy: the English one gains the call screens' texts when their chunk loads.
  const catalog = catalogFor(locale);
  const own = ownMessages(overrides);
  const numbers = new Intl.NumberFormat(locale);
  const twoDigits = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  const times = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
  const dateTimes = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  const unit = (value: number, name: 'hour' | 'minute' | 'second') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'long' }).format(value);
  const format = (value: string | number) => (typeof value === 'number' ? numbers.format(value) : value);

  return {
    locale,
    t(key, params) {
      const template = own[key] ?? catalog[key];
      if (!params) return template;
      return fill(template, Object.fromEntries(Object.entries(params).map(([name, v]) => [name, format(v)])));
    },
    clock(ms) {
      const total = Math.max(0, Math.floor(ms / 1000));
      const hours = Math.floor(total / 3600);
      const minutes = Math.floor((total % 3600) / 60);
      const seconds = twoDigits.format(total % 60);
      return hours > 0 ? `${hours}:${twoDigits.format(minutes)}:${seconds}` : `${minutes}:${seconds}`;
    },
    span(ms) {
      const seconds = Math.max(0, Math.round(ms / 1000));
      if (seconds < 60) return unit(seconds, 'second');
      const minutes = Math.round(seconds / 60);
      return minutes < 60 ? unit(minutes, 'minute') : unit(Math.round(minutes / 60), 'hour');
    },
    ago(ms) {
      const seconds = Math.max(0, Math.round(ms / 1000));
      if (seconds < 60) return relative.format(-seconds, 'second');
      const minutes = Math.round(seconds / 60);
      return minutes < 60 ? relative.format(-minutes, 'minute') : relative.format(-Math.round(minutes / 60), 'hour');
    },
    time: (at) => times.format(at),
    dateTime: (at) => dateTimes.format(at),
    number: (value) => numbers.format(value),
  };
}
