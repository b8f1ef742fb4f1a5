/** `softphone:event`: every Device and Call event of the SDK, as each softphone publishes it. */
import * as z from 'zod/mini';
import { BUS_VERSION } from './busEvents.js';
import { CALL_CONTROL_EVENT_NAMES } from './callControl.js';
import { HistoryEntrySchema } from './history.js';
import { CALL_EVENT_NAMES, DEVICE_EVENT_NAMES } from './names.js';

/** How many of the newest calls a `history` event carries (the `history` command reads more). */
export const HISTORY_EVENT_CALLS = 50;

// The name lists live in names.ts (zod-free, for the module entry).
export { CALL_EVENT_NAMES, DEVICE_EVENT_NAMES, type CallEventName, type DeviceEventName } from './names.js';

export const SoftphoneEventSchema = z.discriminatedUnion('source', [
  z.object({
    v: z.literal(BUS_VERSION),
    instance: z.string(),
    source: z.literal('device'),
    name: z.enum(DEVICE_EVENT_NAMES),
    callSid: z.optional(z.string()),
    at: z.number(),
    data: z.unknown(),
  }),
  z.object({
    v: z.literal(BUS_VERSION),
    instance: z.string(),
    source: z.literal('call'),
    name: z.enum(CALL_EVENT_NAMES),
    callSid: z.optional(z.string()),
    at: z.number(),
    data: z.unknown(),
  }),
  /** What a call-control command did to a call (added later; see callControl.ts for each name's data). */
  z.object({
    v: z.literal(BUS_VERSION),
    instance: z.string(),
    source: z.literal('callControl'),
    name: z.enum(CALL_CONTROL_EVENT_NAMES),
    callSid: z.optional(z.string()),
    at: z.number(),
    data: z.unknown(),
  }),
  /** The persisted call history changed (a call ended, or it was cleared): the newest calls, newest first. */
  z.object({
    v: z.literal(BUS_VERSION),
    instance: z.string(),
    source: z.literal('history'),
    name: z.literal('changed'),
    callSid: z.optional(z.string()),
    at: z.number(),
    data: z.object({ calls: z.array(HistoryEntrySchema) }),
  }),
]);
export type SoftphoneEvent = z.infer<typeof SoftphoneEventSchema>;
