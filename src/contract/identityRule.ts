/**
 * The one identity rule as plain code (no zod), so a page that only checks an identity, like the demo's root
 * config, does not pull the schema library in.
 */
export const MAX_IDENTITY_LENGTH = 121;

/** Letters, digits and `_ . @ + -`, 1 to 121 of them. ASCII only, so UTF-16 and code-point lengths agree. */
export const IDENTITY_PATTERN = /^[A-Za-z0-9_.@+-]{1,121}$/;

export const IDENTITY_RULE = `identity must be 1..${MAX_IDENTITY_LENGTH} characters of A-Z a-z 0-9 _ . @ + -`;

export function isValidIdentity(value: unknown): value is string {
  return typeof value === 'string' && IDENTITY_PATTERN.test(value);
}
