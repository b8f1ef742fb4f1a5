/** `softphone:event`: every Device and Call event of the SDK, as each softphone publishes it. */
import { z } from 'zod';
import { BUS_VERSION } from './busEvents.js';
import { CALL_CONTROL_EVENT_NAMES } from './callControl.js';
import { HistoryEntrySchema } from './history.js';

/** How many of the newest calls a `history` event carries (the `history` command reads more). */
export const HISTORY_EVENT_CALLS = 50;

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

export const SoftphoneEventSchema = z.discriminatedUnion('source', [
  z.object({
    v: z.literal(BUS_VERSION),
    instance: z.string(),
    source: z.literal('device'),
    name: z.enum(DEVICE_EVENT_NAMES),
    callSid: z.string().optional(),
    at: z.number(),
    data: z.unknown(),
  }),
  z.object({
    v: z.literal(BUS_VERSION),
    instance: z.string(),
    source: z.literal('call'),
    name: z.enum(CALL_EVENT_NAMES),
    callSid: z.string().optional(),
    at: z.number(),
    data: z.unknown(),
  }),
  /** What a call-control command did to a call (added later; see callControl.ts for each name's data). */
  z.object({
    v: z.literal(BUS_VERSION),
    instance: z.string(),
    source: z.literal('callControl'),
    name: z.enum(CALL_CONTROL_EVENT_NAMES),
    callSid: z.string().optional(),
    at: z.number(),
    data: z.unknown(),
  }),
  /** The persisted call history changed (a call ended, or it was cleared): the newest calls, newest first. */
  z.object({
    v: z.literal(BUS_VERSION),
    instance: z.string(),
    source: z.literal('history'),
    name: z.literal('changed'),
    callSid: z.string().optional(),
    at: z.number(),
    data: z.object({ calls: z.array(HistoryEntrySchema) }),
  }),
]);
export type SoftphoneEvent = z.infer<typeof SoftphoneEventSchema>;
