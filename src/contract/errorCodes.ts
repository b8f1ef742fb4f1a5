/** The error codes of the contract: what replies carry, and what `SoftphoneState.lastError` may show. */
import { z } from 'zod';

/** Stable error codes carried by `ok: false` replies and by `SoftphoneError`. */
export const ERROR_CODES = [
  'invalid_command', // not an object, wrong v, unknown type, missing/invalid fields
  'invalid_number', // dial target is neither E.164 nor client:<identity>
  'invalid_digits', // DTMF outside [0-9*#w]
  'invalid_argument', // any other argument out of range (feedback score, device id, message size)
  'no_active_call', // no call matches (no call at all, or no call with that callSid)
  'not_ready', // device not registered / not created yet / destroyed
  'busy', // already in a call and cannot start or accept another
  'wrong_state', // the call exists but the action does not apply to its status
  'ambiguous_target', // several softphones on the page and the command named none
  'unknown_target', // target names no softphone on the page
  'microphone_denied', // permission to use the microphone was refused
  'unsupported', // the browser cannot run the Voice SDK / lacks the feature
  'token_error', // could not obtain or refresh an access token
  'sdk_error', // the Voice SDK reported an error while executing the command
  'timeout', // (client side) no reply arrived in time
  'internal_error', // unexpected failure inside the softphone
  // Call control (added later): what the server's call-control route answers.
  'forbidden_number', // the dial policy refuses the transfer target
  'rate_limited', // too many call-control requests; try again shortly
  'upstream_failed', // the server (or Twilio behind it) failed to carry the command out
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** Conditions shown in `lastError` that no command is refused with. */
export const STATE_ERROR_CODES = [
  'autoplay_blocked', // the browser refused to play a sound before the user interacted with the page
] as const;
export type StateErrorCode = (typeof STATE_ERROR_CODES)[number];

/** Twilio's numeric error code (20101, 31401, 53000, ...), as TwilioError.code carries it. */
export const TwilioCodeSchema = z.number().int();

/** `lastError.code`: Twilio's number when the SDK (or a DOM error it stands for) raised it, else one of ours. */
export const LastErrorCodeSchema = z.union([TwilioCodeSchema, ErrorCodeSchema, z.enum(STATE_ERROR_CODES)]);
export type LastErrorCode = z.infer<typeof LastErrorCodeSchema>;
