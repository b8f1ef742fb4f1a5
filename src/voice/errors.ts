/**
 * Turns TwilioErrors, DOM exceptions and our own failures into the `LastError` the UI shows: a short
 * human message, what it means, and what to do next. The SDK's own explanation and solutions win
 * when it provides them; the table below fills the gaps with wording a user can act on.
 */
import { ErrorCodeSchema, type ErrorCode } from '../contract/errorCodes';
import type { LastError } from '../contract/schemaState';
import type { TwilioErrorLike } from './sdkTypes';
import { isSoftphoneError, SoftphoneError } from '../contract/service';

type Guidance = { message: string; explanation: string; solutions: string[]; blocking?: boolean };

const SIGN_IN_AGAIN = 'Reload the page to get a new access token; if it keeps failing, contact your administrator.';

/** Human wording for the codes a softphone user actually meets. */
const TWILIO_GUIDANCE: Record<number, Guidance> = {
  20101: {
    message: 'The access token was rejected.',
    explanation: 'The voice service could not validate the access token.',
    solutions: [SIGN_IN_AGAIN],
    blocking: true,
  },
  20104: {
    message: 'The access token has expired.',
    explanation: 'The token expired before it could be refreshed.',
    solutions: ['The softphone is fetching a new token; check your network connection.'],
    blocking: true,
  },
  20151: {
    message: 'The access token is too long-lived.',
    explanation: 'The token server issued a token whose lifetime exceeds the maximum allowed.',
    solutions: ['Ask your administrator to lower the token TTL.'],
    blocking: true,
  },
  31000: {
    message: 'Something went wrong with the call service.',
    explanation: 'An unexpected error occurred.',
    solutions: ['Try again; if it persists, reload the page.'],
  },
  31005: {
    message: 'The connection to the call service failed.',
    explanation: 'The voice gateway closed the call unexpectedly.',
    solutions: ['Check your network connection and try the call again.'],
  },
  31009: {
    message: 'No connection to the call service.',
    explanation: 'The signaling connection is down.',
    solutions: ['Check your network connection; the softphone reconnects automatically.'],
  },
  31201: {
    message: 'Authentication failed.',
    explanation: 'The voice service did not accept the credentials.',
    solutions: [SIGN_IN_AGAIN],
    blocking: true,
  },
  31204: {
    message: 'The access token is invalid.',
    explanation: 'The voice service could not parse or verify the access token.',
    solutions: [SIGN_IN_AGAIN],
    blocking: true,
  },
  31205: {
    message: 'The access token has expired.',
    explanation: 'The token expired before it could be refreshed.',
    solutions: ['The softphone is fetching a new token; check your network connection.'],
    blocking: true,
  },
  31401: {
    message: 'Microphone access was denied.',
    explanation: 'The browser or you refused access to the microphone, so calls cannot carry your voice.',
    solutions: [
      'Allow microphone access in the browser\'s site settings (the icon in the address bar), then choose "Allow microphone".',
    ],
    blocking: true,
  },
  31402: {
    message: 'The microphone could not be opened.',
    explanation: 'Permission was granted, but the browser could not start the microphone.',
    solutions: [
      'Check that a microphone is connected and not used by another application.',
      'Pick another input device.',
    ],
  },
  31404: {
    message: 'The number or client was not found.',
    explanation: 'Nothing answers at that address.',
    solutions: ['Check the number and try again.'],
  },
  31480: {
    message: 'The callee is unavailable.',
    explanation: 'The person you called is temporarily unavailable.',
    solutions: ['Try again later.'],
  },
  31486: {
    message: 'The line is busy.',
    explanation: 'The person you called is on another call.',
    solutions: ['Try again later.'],
  },
  31603: { message: 'The call was declined.', explanation: 'The person you called declined the call.', solutions: [] },
  53000: {
    message: 'The connection to the call service failed.',
    explanation: 'The signaling connection failed.',
    solutions: ['Check your network connection; the softphone reconnects automatically.'],
  },
  53405: {
    message: 'The audio connection failed.',
    explanation: 'No media path could be established or kept.',
    solutions: ['Check your network or firewall (UDP must be allowed) and call again.'],
  },
};

/** DOM exceptions from getUserMedia/setSinkId, mapped onto the Twilio codes that describe them. */
const DOM_ERROR_CODES: Record<string, number> = {
  NotAllowedError: 31401,
  PermissionDeniedError: 31401,
  SecurityError: 31401,
  NotFoundError: 31402,
  NotReadableError: 31402,
  OverconstrainedError: 31402,
  AbortError: 31402,
};

export interface ErrorContext {
  source: LastError['source'];
  at: number;
  callSid?: string;
  /** Forces blocking severity (e.g. any failure while registering). */
  blocking?: boolean;
}

function readTwilioError(error: unknown): TwilioErrorLike {
  if (typeof error !== 'object' || error === null) return { message: typeof error === 'string' ? error : undefined };
  const e = error as Record<string, unknown>;
  const strings = (v: unknown): string[] | undefined =>
    Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : undefined;
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
  return {
    // Twilio's codes are whole numbers; anything else is not one (and would not fit LastError.code).
    code: typeof e.code === 'number' && Number.isInteger(e.code) ? e.code : undefined,
    name: text(e.name),
    message: text(e.message),
    description: text(e.description),
    explanation: text(e.explanation),
    causes: strings(e.causes),
    solutions: strings(e.solutions),
  };
}

/** The Twilio code an error stands for (its own, or the one a DOM exception maps to). */
export function twilioCodeOf(error: unknown): number | undefined {
  const e = readTwilioError(error);
  return e.code ?? (e.name !== undefined ? DOM_ERROR_CODES[e.name] : undefined);
}

/**
 * Authentication failures a fresh token may fix: invalid (20101, e.g. the server restarted with another
 * signing key), expired (20104) and the SDK's 31202–31207 (signature, TTL, invalid, expired, rate, URL).
 */
const AUTH_FAILURE_CODES: ReadonlySet<number> = new Set([20101, 20104, 31202, 31203, 31204, 31205, 31206, 31207]);

export function isAuthFailure(error: unknown): boolean {
  const code = twilioCodeOf(error);
  return code !== undefined && AUTH_FAILURE_CODES.has(code);
}

export function isResolvedByNewToken(lastError: LastError | null): boolean {
  return lastError !== null && typeof lastError.code === 'number' && AUTH_FAILURE_CODES.has(lastError.code);
}

export function isMicrophoneDenied(error: unknown): boolean {
  return twilioCodeOf(error) === 31401 || twilioCodeOf(error) === 31208;
}

/** Autoplay policy: playing a sound (ringtone, speaker test) before the user interacted with the page. */
function isAutoplayBlocked(error: unknown, source: LastError['source']): boolean {
  return source === 'audio' && readTwilioError(error).name === 'NotAllowedError';
}

export function toLastError(error: unknown, ctx: ErrorContext): LastError {
  const e = readTwilioError(error);
  if (isAutoplayBlocked(error, ctx.source)) {
    return {
      code: 'autoplay_blocked',
      message: 'The browser blocked the sound.',
      explanation: 'Browsers only play sound after you have interacted with the page.',
      solutions: ['Click anywhere on the page, then try again.'],
      severity: 'transient',
      source: ctx.source,
      at: ctx.at,
    };
  }
  const code = twilioCodeOf(error);
  const guidance = code !== undefined ? TWILIO_GUIDANCE[code] : undefined;
  const explanation =
    e.explanation ?? guidance?.explanation ?? e.description ?? 'The softphone reported an unexpected problem.';
  const solutions =
    e.solutions && e.solutions.length > 0
      ? e.solutions
      : (guidance?.solutions ?? ['Try again; if it persists, reload the page.']);
  const message = guidance?.message ?? e.description ?? e.message ?? 'Unexpected error.';
  return {
    code:
      code ??
      (isSoftphoneError(error) && ErrorCodeSchema.safeParse(error.code).success ? error.code : 'internal_error'),
    message,
    explanation,
    solutions,
    severity: ctx.blocking || guidance?.blocking ? 'blocking' : 'transient',
    source: ctx.source,
    ...(ctx.callSid !== undefined && { callSid: ctx.callSid }),
    at: ctx.at,
  };
}

export function unsupportedBrowserError(at: number): LastError {
  return {
    code: 'unsupported',
    message: 'This browser cannot make calls.',
    explanation:
      'The Twilio Voice SDK needs WebRTC and a secure (https) page, which this browser or page does not provide.',
    solutions: ['Open the softphone in a current Chrome, Edge, Firefox or Safari over https.'],
    severity: 'blocking',
    source: 'device',
    at,
  };
}

export function tokenFailureError(error: unknown, attempt: number, retryInMs: number, at: number): LastError {
  const e = readTwilioError(error);
  return {
    code: 'token_error',
    message: 'Could not get an access token.',
    explanation: `${e.message ?? 'The token server did not answer.'} (attempt ${attempt})`,
    solutions: [`Retrying in ${Math.ceil(retryInMs / 1000)} s. Check your network connection.`],
    severity: 'transient',
    source: 'token',
    at,
  };
}

/** The SDK's own argument/state exceptions keep their meaning as bus error codes. */
const SDK_EXCEPTION_CODES: Record<string, ErrorCode> = {
  InvalidArgumentError: 'invalid_argument',
  InvalidStateError: 'wrong_state',
  NotSupportedError: 'unsupported',
};

/** Wraps any failure of an SDK call as the rejection of a service command. */
export function toSoftphoneError(
  error: unknown,
  fallback: ErrorCode = 'sdk_error',
  source?: LastError['source'],
): SoftphoneError {
  if (isSoftphoneError(error)) return error;
  const e = readTwilioError(error);
  if (source !== undefined && isAutoplayBlocked(error, source))
    return new SoftphoneError(fallback, e.message ?? 'The browser blocked the sound.');
  const code = twilioCodeOf(error);
  if (code === 31401)
    return new SoftphoneError('microphone_denied', e.message ?? 'Microphone access was denied.', code);
  const mapped = e.name !== undefined ? SDK_EXCEPTION_CODES[e.name] : undefined;
  return new SoftphoneError(mapped ?? fallback, e.message ?? 'The Voice SDK reported an error.', code);
}
