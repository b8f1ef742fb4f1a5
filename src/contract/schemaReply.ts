/** `softphone:reply` (exactly one per command with a string id) and `softphone:state-request`. */
import * as z from 'zod/mini';
import { BUS_VERSION } from './busEvents.js';
import { ErrorCodeSchema, TwilioCodeSchema } from './errorCodes.js';
import { TargetSchema } from './identity.js';

export const BusErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** Twilio's numeric error code when the SDK raised the error. */
  twilioCode: z.optional(TwilioCodeSchema),
});
export type BusError = z.infer<typeof BusErrorSchema>;

export const ReplySchema = z.discriminatedUnion('ok', [
  z.object({
    v: z.literal(BUS_VERSION),
    id: z.string(),
    instance: z.optional(z.string()),
    ok: z.literal(true),
    result: z.optional(z.unknown()),
  }),
  z.object({
    v: z.literal(BUS_VERSION),
    id: z.string(),
    instance: z.optional(z.string()),
    ok: z.literal(false),
    error: BusErrorSchema,
  }),
]);
export type Reply = z.infer<typeof ReplySchema>;

export const StateRequestSchema = z.object({ v: z.literal(BUS_VERSION), target: z.optional(TargetSchema) });
export type StateRequest = z.infer<typeof StateRequestSchema>;
