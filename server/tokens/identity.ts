/**
 * The identity rule of tokens, grants and the control API: the contract's own rule (src/contract/identity.ts),
 * so the server accepts exactly the identities the browser does.
 */
export { IDENTITY_PATTERN, IdentitySchema as identitySchema, isValidIdentity } from '../../src/contract/identity.js';
