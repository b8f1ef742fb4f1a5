/**
 * The command table: every bus command, its arguments in the order of its service method's parameters,
 * and what it resolves with. The wire schema (schemaCommand.ts), the host's dispatch and the client's
 * methods (commandCalls.ts) are all derived from it: adding a command is one row here plus its
 * `SoftphoneService` method, and the compiler checks that the two agree.
 */
import { z } from 'zod';
import { HoldResultSchema, MergeResultSchema, TransferModeSchema, TransferResultSchema } from './callControl.js';
import { CallSidArgSchema } from './calls.js';
import { DeviceIdSchema, DeviceIdsSchema } from './devices.js';
import { DialParamsSchema } from './dialParams.js';
import { FeedbackIssueSchema, FeedbackScoreSchema } from './feedback.js';
import { HistoryLimitSchema, HistoryResultSchema } from './history.js';
import { MessageTypeSchema } from './message.js';
import { DialResultSchema, MuteResultSchema, SendMessageResultSchema } from './results.js';

/** One argument: its field name on the wire and its schema (optional schema: optional parameter). */
export type ArgSpec = readonly [name: string, schema: z.ZodType];

export interface CommandSpec {
  readonly args: readonly ArgSpec[];
  /** The schema of what the command resolves with; null: it resolves with nothing. */
  readonly result: z.ZodType | null;
}

/** Shape only: the full check of `to` (answered `invalid_number`) is parseDialTarget's. */
const DialToSchema = z.string().min(1).max(256);
const callSid = ['callSid', CallSidArgSchema.optional()] as const;

export const COMMAND_TABLE = {
  register: { args: [], result: null },
  unregister: { args: [], result: null },
  dial: {
    args: [
      ['to', DialToSchema],
      ['params', DialParamsSchema.optional()],
    ],
    result: DialResultSchema,
  },
  hangup: { args: [callSid], result: null },
  hangupAll: { args: [], result: null },
  accept: { args: [callSid], result: null },
  reject: { args: [callSid], result: null },
  ignore: { args: [callSid], result: null },
  mute: { args: [['muted', z.boolean().optional()], callSid], result: MuteResultSchema },
  sendDigits: { args: [['digits', z.string()], callSid], result: null },
  sendMessage: {
    args: [['content', z.unknown()], ['messageType', MessageTypeSchema.optional()], callSid],
    result: SendMessageResultSchema,
  },
  setInputDevice: { args: [['deviceId', DeviceIdSchema]], result: null },
  setOutputDevice: { args: [['deviceIds', DeviceIdsSchema]], result: null },
  postFeedback: {
    args: [['score', FeedbackScoreSchema], ['issue', FeedbackIssueSchema.optional()], callSid],
    result: null,
  },
  history: { args: [['limit', HistoryLimitSchema.optional()]], result: HistoryResultSchema },
  // Call control (design.md §4): additive rows of contract v1.
  hold: { args: [['held', z.boolean().optional()], callSid], result: HoldResultSchema },
  transfer: {
    args: [['to', DialToSchema], callSid, ['mode', TransferModeSchema.optional()]],
    result: TransferResultSchema,
  },
  completeTransfer: { args: [callSid], result: null },
  merge: { args: [], result: MergeResultSchema },
  switchCall: { args: [['callSid', CallSidArgSchema]], result: null },
} as const satisfies Record<string, CommandSpec>;

export type CommandTable = typeof COMMAND_TABLE;
export type CommandType = keyof CommandTable;
export const COMMAND_TYPES: readonly CommandType[] = Object.keys(COMMAND_TABLE) as CommandType[];

type ResultOf<Schema> = Schema extends z.ZodType ? z.output<Schema> : void;
/** Result type per command type; commands without a result schema resolve with nothing. */
export type CommandResultMap = { [T in CommandType]: ResultOf<CommandTable[T]['result']> };
export type CommandResult<T extends CommandType> = CommandResultMap[T];

export function resultSchemaOf(type: CommandType): z.ZodType | null {
  const spec: CommandSpec = COMMAND_TABLE[type];
  return spec.result;
}
