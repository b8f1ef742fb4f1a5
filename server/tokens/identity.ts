import { z } from 'zod';

/** Twilio client identities we accept: what survives `client:NAME` addressing and URL query strings unescaped. */
export const IDENTITY_PATTERN = /^[A-Za-z0-9_.@+-]{1,121}$/;

export const identitySchema = z
  .string()
  .regex(IDENTITY_PATTERN, 'identity must be 1..121 characters of A-Z a-z 0-9 _ . @ + -');

export function isValidIdentity(value: unknown): value is string {
  return typeof value === 'string' && IDENTITY_PATTERN.test(value);
}
