/**
 * What each command resolves with. The host forwards the service's result as `reply.result`; the client
 * validates it against these schemas so a sibling never receives a shape the contract does not promise.
 */
import { z } from 'zod';
import type { CommandType } from './schema';

export const DialResultSchema = z.object({ callSid: z.string() });
export const MuteResultSchema = z.object({ muted: z.boolean() });
export const SendMessageResultSchema = z.object({ voiceEventSid: z.string() });

export type DialResult = z.infer<typeof DialResultSchema>;
export type MuteResult = z.infer<typeof MuteResultSchema>;
export type SendMessageResult = z.infer<typeof SendMessageResultSchema>;

/** Result type per command type; commands not listed resolve with nothing. */
export interface CommandResultMap {
  register: void;
  unregister: void;
  dial: DialResult;
  hangup: void;
  hangupAll: void;
  accept: void;
  reject: void;
  ignore: void;
  mute: MuteResult;
  sendDigits: void;
  sendMessage: SendMessageResult;
  setInputDevice: void;
  setOutputDevice: void;
  postFeedback: void;
}
export type CommandResult<T extends CommandType> = CommandResultMap[T];

/** Schemas of the commands that resolve with data. */
export const RESULT_SCHEMAS: { readonly [T in CommandType]?: z.ZodType<CommandResultMap[T]> } = {
  dial: DialResultSchema,
  mute: MuteResultSchema,
  sendMessage: SendMessageResultSchema,
};
