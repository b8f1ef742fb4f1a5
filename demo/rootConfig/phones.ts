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
