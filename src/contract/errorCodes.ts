/** The error codes of the contract: what replies carry, and what `SoftphoneState.lastError` may show. */
import * as z from 'zod/mini';
import { ERROR_CODES, STATE_ERROR_CODES } from './names.js';

// The lists themselves live in names.ts (zod-free, for the module entry).
export { ERROR_CODES, STATE_ERROR_CODES, type ErrorCode, type StateErrorCode } from './names.js';

export const ErrorCodeSchema = z.enum(ERROR_CODES);

/** Twilio's numeric error code (20101, 31401, 53000, ...), as TwilioError.code carries it. */
export const TwilioCodeSchema = z.number().check(z.int());

/** `lastError.code`: Twilio's number when the SDK (or a DOM error it stands for) raised it, else one of ours. */
export const LastErrorCodeSchema = z.union([TwilioCodeSchema, ErrorCodeSchema, z.enum(STATE_ERROR_CODES)]);
export type LastErrorCode = z.infer<typeof LastErrorCodeSchema>;
