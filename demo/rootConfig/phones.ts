/** Which softphones the demo page mounts: alice and bob side by side, or only `?identity=NAME`. */
import { IDENTITY_PATTERN } from '../../src/contract/identityRule';

export const DEFAULT_IDENTITIES = ['alice', 'bob'] as const;

export type PhonesChoice = { identities: readonly string[]; rejected?: string };

/** `?identity=` is accepted exactly when the contract accepts it as a client identity (what /token issues tokens for). */
export function choosePhones(search: string): PhonesChoice {
  const requested = new URLSearchParams(search).get('identity');
  if (requested === null) return { identities: DEFAULT_IDENTITIES };
  if (IDENTITY_PATTERN.test(requested)) return { identities: [requested] };
  return { identities: DEFAULT_IDENTITIES, rejected: requested };
}

/** How the demo renders the phones: `?locale=es` (any BCP 47 tag; catalogs: en, es) and `?theme=dark`. */
export interface DisplayChoice {
  locale?: string;
  theme: 'light' | 'dark';
}

const LOCALE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

export function chooseDisplay(search: string): DisplayChoice {
  const params = new URLSearchParams(search);
  const locale = params.get('locale');
  const theme = params.get('theme') === 'dark' ? 'dark' : 'light';
  return locale !== null && LOCALE_TAG.test(locale) ? { locale, theme } : { theme };
}
