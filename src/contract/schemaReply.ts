/** `softphone:reply` (exactly one per command with a string id) and `softphone:state-request`. */
import { z } from 'zod';
import { BUS_VERSION } from './busEvents.js';
import { ErrorCodeSchema, TwilioCodeSchema } from './errorCodes.js';
import { TargetSchema } from './identity.js';

export const BusErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** Twilio's numeric error code when the SDK raised the error. */
  twilioCode: TwilioCodeSchema.optional(),
});
export type BusError = z.infer<typeof BusErrorSchema>;

export const ReplySchema = z.discriminatedUnion('ok', [
  z.object({
    v: z.literal(BUS_VERSION),
    id: z.string(),
    instance: z.string().optional(),
    ok: z.literal(true),
    result: z.unknown().optional(),
  }),
  z.object({
    v: z.literal(BUS_VERSION),
    id: z.string(),
    instance: z.string().optional(),
    ok: z.literal(false),
    error: BusErrorSchema,
  }),
]);
export type Reply = z.infer<typeof ReplySchema>;

export const StateRequestSchema = z.object({ v: z.literal(BUS_VERSION), target: TargetSchema.optional() });
export type StateRequest = z.infer<typeof StateRequestSchema>;
