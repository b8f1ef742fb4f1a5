/** Which softphones the demo page mounts: alice and bob side by side, or only `?identity=NAME`. */
export const DEFAULT_IDENTITIES = ['alice', 'bob'] as const;

/** Identities the token server accepts: letters, digits and `_ . -`, at most 121 characters (Twilio's limit). */
const IDENTITY_PATTERN = /^[A-Za-z0-9_.-]{1,121}$/;

export type PhonesChoice = { identities: readonly string[]; rejected?: string };

export function choosePhones(search: string): PhonesChoice {
  const requested = new URLSearchParams(search).get('identity');
  if (requested === null) return { identities: DEFAULT_IDENTITIES };
  if (IDENTITY_PATTERN.test(requested)) return { identities: [requested] };
  return { identities: DEFAULT_IDENTITIES, rejected: requested };
}
