/**
 * The input rules shared by the bus, the service, the UI and the server, in one import: identities,
 * dial targets and DTMF digits. Each rule lives in its own module; this file only gathers them.
 */
export { IDENTITY_PATTERN, IDENTITY_RULE, IdentitySchema, MAX_IDENTITY_LENGTH, isValidIdentity } from './identity.js';
export { parseDialTarget, type DialTarget, type DialTargetResult } from './dialTarget.js';
export { validateDigits, type DigitsResult } from './digits.js';
