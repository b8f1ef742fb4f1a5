/**
 * The contract's name lists without their schemas: error codes, feedback issues, call warnings, SDK event names.
 * Zod-free, so the module entry can export them; the schemas built from them live beside (errorCodes.ts,
 * feedback.ts, schemaState.ts, schemaEvent.ts), which re-export these.
 */

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
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Conditions shown in `lastError` that no command is refused with. */
export const STATE_ERROR_CODES = [
  'autoplay_blocked', // the browser refused to play a sound before the user interacted with the page
] as const;
export type StateErrorCode = (typeof STATE_ERROR_CODES)[number];

export const FEEDBACK_ISSUES = [
  'audio-latency',
  'choppy-audio',
  'dropped-call',
  'echo',
  'noisy-call',
  'one-way-audio',
] as const;
export type FeedbackIssue = (typeof FEEDBACK_ISSUES)[number];

/** The SDK's call quality warning names (`warning` / `warning-cleared` events). */
export const CALL_WARNINGS = [
  'high-rtt',
  'high-jitter',
  'low-mos',
  'high-packet-loss',
  'high-packets-lost-fraction',
  'low-bytes-received',
  'low-bytes-sent',
  'constant-audio-input-level',
  'ice-connectivity-lost',
] as const;

export const DEVICE_EVENT_NAMES = [
  'registered',
  'registering',
  'unregistered',
  'incoming',
  'error',
  'tokenWillExpire',
  'destroyed',
] as const;
export const CALL_EVENT_NAMES = [
  'accept',
  'cancel',
  'disconnect',
  'error',
  'messageReceived',
  'messageSent',
  'mute',
  'reconnected',
  'reconnecting',
  'reject',
  'ringing',
  'sample',
  'volume',
  'warning',
  'warning-cleared',
] as const;
export type DeviceEventName = (typeof DEVICE_EVENT_NAMES)[number];
export type CallEventName = (typeof CALL_EVENT_NAMES)[number];
