/**
 * What commands resolve with. The host forwards the service's result as `reply.result`; the client
 * validates it against these schemas so a sibling never receives a shape the contract does not promise.
 * Which command resolves with which result is the command table's `result` column (commands.ts).
 */
import { z } from 'zod';

export const DialResultSchema = z.object({
  /** The call's stable `sid` (see CallState.sid). */
  callSid: z.string(),
});
export const MuteResultSchema = z.object({ muted: z.boolean() });
export const SendMessageResultSchema = z.object({ voiceEventSid: z.string() });

export type DialResult = z.infer<typeof DialResultSchema>;
export type MuteResult = z.infer<typeof MuteResultSchema>;
export type SendMessageResult = z.infer<typeof SendMessageResultSchema>;

export { HistoryResultSchema, type HistoryResult } from './history.js';
export {
  HoldResultSchema,
  MergeResultSchema,
  TransferResultSchema,
  type HoldResult,
  type MergeResult,
  type TransferResult,
} from './callControl.js';
export type { CommandResult, CommandResultMap } from './commands.js';
