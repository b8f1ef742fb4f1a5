/**
 * The command table: every bus command, its arguments in the order of its service method's parameters,
 * and what it resolves with. The wire schema (schemaCommand.ts), the host's dispatch and the client's
 * methods (commandCalls.ts) are all derived from it: adding a command is one row here plus its
 * `SoftphoneService` method, and the compiler checks that the two agree.
 */
import * as z from 'zod/mini';
import {
  EmptyResultSchema,
  HoldResultSchema,
  MergeResultSchema,
  TransferModeSchema,
  TransferResultSchema,
} from './callControl.js';
import { CallSidArgSchema } from './calls.js';
import { DeviceIdSchema, DeviceIdsSchema } from './devices.js';
import { DialParamsSchema } from './dialParams.js';
import { FeedbackIssueSchema, FeedbackScoreSchema } from './feedback.js';
import { HistoryLimitSchema, HistoryResultSchema } from './history.js';
import type { COMMAND_ARG_NAMES, CommandType } from './commandNames.js';
import { MessageTypeSchema } from './message.js';
import { DialResultSchema, MuteResultSchema, SendMessageResultSchema } from './results.js';

/** One argument: its field name on the wire and its schema (optional schema: optional parameter). */
export type ArgSpec = readonly [name: string, schema: z.ZodMiniType];

export interface CommandSpec {
  readonly args: readonly ArgSpec[];
  /** The schema of what the command resolves with; null: it resolves with nothing. */
  readonly result: z.ZodMiniType | null;
}

/** Shape only: the full check of `to` (answered `invalid_number`) is parseDialTarget's. */
const DialToSchema = z.string().check(z.minLength(1), z.maxLength(256));
const callSid = ['callSid', z.optional(CallSidArgSchema)] as const;

export const COMMAND_TABLE = {
  register: { args: [], result: null },
  unregister: { args: [], result: null },
  dial: {
    args: [
      ['to', DialToSchema],
      ['params', z.optional(DialParamsSchema)],
    ],
    result: DialResultSchema,
  },
  hangup: { args: [callSid], result: null },
  hangupAll: { args: [], result: null },
  accept: { args: [callSid], result: null },
  reject: { args: [callSid], result: null },
  ignore: { args: [callSid], result: null },
  mute: { args: [['muted', z.optional(z.boolean())], callSid], result: MuteResultSchema },
  sendDigits: { args: [['digits', z.string()], callSid], result: null },
  sendMessage: {
    args: [['content', z.unknown()], ['messageType', z.optional(MessageTypeSchema)], callSid],
    result: SendMessageResultSchema,
  },
  setInputDevice: { args: [['deviceId', DeviceIdSchema]], result: null },
  setOutputDevice: { args: [['deviceIds', DeviceIdsSchema]], result: null },
  postFeedback: {
    args: [['score', FeedbackScoreSchema], ['issue', z.optional(FeedbackIssueSchema)], callSid],
    result: null,
  },
  history: { args: [['limit', z.optional(HistoryLimitSchema)]], result: HistoryResultSchema },
  // Call control (design.md §4): additive rows of contract v1.
  hold: { args: [['held', z.optional(z.boolean())], callSid], result: HoldResultSchema },
  transfer: {
    args: [['to', DialToSchema], callSid, ['mode', z.optional(TransferModeSchema)]],
    result: TransferResultSchema,
  },
  completeTransfer: { args: [callSid], result: EmptyResultSchema },
  merge: { args: [], result: MergeResultSchema },
  switchCall: { args: [['callSid', CallSidArgSchema]], result: EmptyResultSchema },
} as const satisfies Record<string, CommandSpec>;

export type CommandTable = typeof COMMAND_TABLE;
export { COMMAND_TYPES, type CommandType } from './commandNames.js';

/** Fails to compile when commandNames.ts (the zod-free names the client uses) and the table disagree. */
type NamesOf<Args> = { readonly [I in keyof Args]: Args[I] extends readonly [infer Name, unknown] ? Name : never };
type TableNames = { readonly [T in keyof CommandTable]: NamesOf<CommandTable[T]['args']> };
type Assert<Check extends true> = Check;
export type _NamesAgreeWithTable = Assert<
  [TableNames] extends [typeof COMMAND_ARG_NAMES]
    ? [typeof COMMAND_ARG_NAMES] extends [TableNames]
      ? true
      : false
    : false
>;

type ResultOf<Schema> = Schema extends z.ZodMiniType ? z.output<Schema> : void;
/** Result type per command type; commands without a result schema resolve with nothing. */
export type CommandResultMap = { [T in CommandType]: ResultOf<CommandTable[T]['result']> };
export type CommandResult<T extends CommandType> = CommandResultMap[T];

export function resultSchemaOf(type: CommandType): z.ZodMiniType | null {
  const spec: CommandSpec = COMMAND_TABLE[type];
  return spec.result;
}
