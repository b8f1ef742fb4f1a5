/** How a command's `callSid` names a call: by its stable `sid` or by Twilio's CallSid once known. */
import * as z from 'zod/mini';
import type { CallState } from './schemaState.js';

export const CallSidArgSchema = z.string().check(z.minLength(1), z.maxLength(64));

export function matchesCallSid(call: Pick<CallState, 'sid' | 'twilioCallSid'>, callSid: string): boolean {
  return call.sid === callSid || call.twilioCallSid === callSid;
}

export function findCallBySid<C extends Pick<CallState, 'sid' | 'twilioCallSid'>>(
  calls: readonly C[],
  callSid: string,
): C | undefined {
  return calls.find((call) => matchesCallSid(call, callSid));
}
