/**
 * The one identity rule, shared by the browser (parcel props, `client:NAME` dialling) and the server
 * (token issuing and verification, control API): what survives `client:NAME` addressing and URL query
 * strings unescaped.
 */
import { z } from 'zod';

export const MAX_IDENTITY_LENGTH = 121;

/** Letters, digits and `_ . @ + -`, 1 to 121 of them. ASCII only, so UTF-16 and code-point lengths agree. */
export const IDENTITY_PATTERN = /^[A-Za-z0-9_.@+-]{1,121}$/;

export const IDENTITY_RULE = `identity must be 1..${MAX_IDENTITY_LENGTH} characters of A-Z a-z 0-9 _ . @ + -`;

export function isValidIdentity(value: unknown): value is string {
  return typeof value === 'string' && IDENTITY_PATTERN.test(value);
}

export const IdentitySchema = z.string().regex(IDENTITY_PATTERN, IDENTITY_RULE);

/**
 * How a bus message names a softphone (`target`). Only the length is the identity's: a string that could
 * never be an identity names no softphone on the page, so it is answered `unknown_target` like any other
 * absent one (contract v1), not `invalid_command`.
 */
export const TargetSchema = z.string().min(1).max(MAX_IDENTITY_LENGTH);
