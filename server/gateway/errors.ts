/** Twilio error codes the gateway sends; the SDK maps each to its TwilioError class (errors/generated.js). */
export const TwilioCode = {
  AccessTokenInvalid: 20101,
  AccessTokenExpired: 20104,
  MalformedRequest: 31100,
  AuthorizationTokenMissing: 31102,
  InvalidJwtToken: 31204,
  RateExceeded: 31206,
  /** What Twilio's signaling sends when a connection's token expires (the SDK's JWTTokenExpiredError). */
  JwtTokenExpired: 31205,
  ReconnectAttemptError: 31209,
  /** A call message whose `messagetype` Twilio does not know (only `user-defined-message`). */
  CallMessageEventTypeInvalid: 31210,
  PayloadSizeExceeded: 31212,
  NotFound: 31404,
  TemporarilyUnavailable: 31480,
  BusyHere: 31486,
  ConnectionError: 31005,
} as const;
export type TwilioCodeValue = (typeof TwilioCode)[keyof typeof TwilioCode];

export interface SignalingError {
  code: TwilioCodeValue;
  message: string;
}

export const signalingError = (code: TwilioCodeValue, message: string): SignalingError => ({ code, message });

/** Thrown by the gateway's control methods; the HTTP layer turns it into `{ error: { code, message } }`. */
export class GatewayError extends Error {
  constructor(
    readonly code:
      | 'unknown_call'
      | 'call_not_active'
      | 'unknown_identity'
      | 'not_registered'
      | 'no_media_peer'
      | 'invalid_target'
      | 'too_many_calls',
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}
