import twilio from 'twilio';
import { CallControlError } from '../callControl/backend.js';

/** Twilio error codes that mean "that is not a number we can call" (21211 invalid To, 21217, 13223/13224 Dial). */
const INVALID_NUMBER_CODES = new Set([21211, 21214, 21217, 13223, 13224]);

function describe(error: unknown): string {
  if (error instanceof twilio.RestException) return `Twilio answered ${error.status} (code ${error.code ?? 'none'})`;
  return error instanceof Error ? error.message : String(error);
}

/** Whether Twilio answered 404 (the call, conference or participant is gone). */
export function isNotFound(error: unknown): boolean {
  return error instanceof twilio.RestException && error.status === 404;
}

/**
 * The typed refusal for anything a REST request threw: 404 → `no_active_call` (the call or its conference ended
 * meanwhile), an invalid-number code → `invalid_number`, anything else (4xx, 5xx, network) → `upstream_failed`.
 * Twilio's own message is kept out of the answer (it may echo account details); the log line has it.
 */
export function toCallControlError(error: unknown, doing: string): CallControlError {
  if (error instanceof CallControlError) return error;
  if (isNotFound(error)) return new CallControlError('no_active_call', `${doing}: Twilio knows no such live call`);
  if (error instanceof twilio.RestException && error.code !== undefined && INVALID_NUMBER_CODES.has(error.code))
    return new CallControlError('invalid_number', `${doing}: Twilio refused the number (code ${error.code})`);
  return new CallControlError('upstream_failed', `${doing}: ${describe(error)}`);
}

/** Runs one step against Twilio, turning whatever it throws into a typed refusal. */
export async function twilioStep<T>(doing: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw toCallControlError(error, doing);
  }
}
