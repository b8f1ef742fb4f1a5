import { z } from 'zod';

/** A Twilio CallSid: `CA` and 32 lowercase hex characters. */
export const callSidSchema = z.string().regex(/^CA[0-9a-f]{32}$/, 'must be CA followed by 32 hex characters');
const to = z.string().min(1).max(200);

/** The bodies of `POST /call-control/:action` (README "Call control"), each strict: an unknown field is refused. */
export const callControlBodies = {
  hold: z.object({ callSid: callSidSchema, held: z.boolean() }).strict(),
  retrieve: z.object({ callSid: callSidSchema }).strict(),
  transfer: z.object({ callSid: callSidSchema, to, mode: z.enum(['blind', 'warm']).default('blind') }).strict(),
  completeTransfer: z.object({ callSid: callSidSchema }).strict(),
  merge: z.object({ heldCallSid: callSidSchema, activeCallSid: callSidSchema }).strict(),
  hangup: z.object({ callSid: callSidSchema }).strict(),
  lines: z.object({}).strict(),
} as const;

export type CallControlAction = keyof typeof callControlBodies;
export const CALL_CONTROL_ACTIONS = Object.keys(callControlBodies) as CallControlAction[];

export function isCallControlAction(action: string): action is CallControlAction {
  return Object.hasOwn(callControlBodies, action);
}
