/**
 * Call control (design.md §4, issue #12): what hold, transfer, completeTransfer, merge and switchCall take and
 * resolve with, the events they publish, and the custom parameters the server marks its call-backs with. The server
 * (the call-control route) and the browser share these names, so they live on the ground floor.
 */
import { z } from 'zod';

/** blind: the far end goes to `to` and our call ends; warm: the far end is held and we consult `to` first. */
export const TRANSFER_MODES = ['blind', 'warm'] as const;
export const TransferModeSchema = z.enum(TRANSFER_MODES);
export type TransferMode = z.infer<typeof TransferModeSchema>;

export const HoldResultSchema = z.object({ held: z.boolean() });
/** blind: `{}`; warm: the consult call's `sid` (the CallSid of the consult leg). */
export const TransferResultSchema = z.object({ consultCallSid: z.string().min(1).optional() });
export const MergeResultSchema = z.object({ conferenceSid: z.string().min(1) });

export type HoldResult = z.infer<typeof HoldResultSchema>;
export type TransferResult = z.infer<typeof TransferResultSchema>;
export type MergeResult = z.infer<typeof MergeResultSchema>;

/**
 * Custom parameters of the incoming calls the server places to bring a line back to us: `SwitchboardLine=<lineSid>`
 * (a parked line being retrieved) and `SwitchboardConsultFor=<lineSid>` (the consult leg of a warm transfer). The
 * softphone accepts such a call by itself, and only when it asked for it.
 */
export const LINE_PARAMETER = 'SwitchboardLine';
export const CONSULT_FOR_PARAMETER = 'SwitchboardConsultFor';

/**
 * `softphone:event` with `source: 'callControl'`: what a call-control command did (the SDK has no such events).
 * data: hold / resume `{ held }`, transfer `{ to, mode }`, consult `{ consultFor }`, completeTransfer `{}`,
 * merge `{ conferenceSid }`, switchCall `{ from }` (the sid of the call put on hold, or null).
 */
export const CALL_CONTROL_EVENT_NAMES = [
  'hold',
  'resume',
  'transfer',
  'consult',
  'completeTransfer',
  'merge',
  'switchCall',
] as const;
export type CallControlEventName = (typeof CALL_CONTROL_EVENT_NAMES)[number];
