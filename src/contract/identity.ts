/**
 * The one identity rule, shared by the browser (parcel props, `client:NAME` dialling) and the server
 * (token issuing and verification, control API): what survives `client:NAME` addressing and URL query
 * strings unescaped.
 */
import * as z from 'zod/mini';

import { IDENTITY_PATTERN, IDENTITY_RULE, MAX_IDENTITY_LENGTH } from './identityRule.js';

export { IDENTITY_PATTERN, IDENTITY_RULE, MAX_IDENTITY_LENGTH, isValidIdentity } from './identityRule.js';

export const IdentitySchema = z.string().check(z.regex(IDENTITY_PATTERN, IDENTITY_RULE));

/**
 * How a bus message names a softphone (`target`). Only the length is the identity's: a string that could
 * never be an identity names no softphone on the page, so it is answered `unknown_target` like any other
 * absent one (contract v1), not `invalid_command`.
 */
export const TargetSchema = z.string().check(z.minLength(1), z.maxLength(MAX_IDENTITY_LENGTH));
