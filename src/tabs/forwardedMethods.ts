/**
 * The SoftphoneCore methods a follower tab forwards to the leader, each with the schemas of its positional
 * arguments: the bus commands take theirs from the command table, the UI-only methods are listed here. The
 * leader validates forwarded arguments with them before it calls its own service.
 */
import { z } from 'zod';
import { COMMAND_TABLE } from '../contract/commands';
import { DeviceIdsSchema } from '../contract/devices';
import type { SoftphoneCore } from '../contract/service';

export const FORWARDED_METHOD_NAMES = [
  'register',
  'unregister',
  'dial',
  'hangup',
  'hangupAll',
  'accept',
  'reject',
  'ignore',
  'mute',
  'sendDigits',
  'sendMessage',
  'setInputDevice',
  'setOutputDevice',
  'setRingtoneDevice',
  'testSpeaker',
  'postFeedback',
  'requestMicrophone',
  'clearError',
  'hold',
  'transfer',
  'completeTransfer',
  'merge',
  'switchCall',
] as const satisfies readonly (keyof SoftphoneCore)[];
export type ForwardedMethod = (typeof FORWARDED_METHOD_NAMES)[number];

const argSchemas = (args: readonly (readonly [string, z.ZodType])[]): readonly z.ZodType[] =>
  args.map(([, schema]) => schema);

const ARGUMENTS: Record<ForwardedMethod, readonly z.ZodType[]> = {
  register: argSchemas(COMMAND_TABLE.register.args),
  unregister: argSchemas(COMMAND_TABLE.unregister.args),
  dial: argSchemas(COMMAND_TABLE.dial.args),
  hangup: argSchemas(COMMAND_TABLE.hangup.args),
  hangupAll: argSchemas(COMMAND_TABLE.hangupAll.args),
  accept: argSchemas(COMMAND_TABLE.accept.args),
  reject: argSchemas(COMMAND_TABLE.reject.args),
  ignore: argSchemas(COMMAND_TABLE.ignore.args),
  mute: argSchemas(COMMAND_TABLE.mute.args),
  sendDigits: argSchemas(COMMAND_TABLE.sendDigits.args),
  sendMessage: argSchemas(COMMAND_TABLE.sendMessage.args),
  setInputDevice: argSchemas(COMMAND_TABLE.setInputDevice.args),
  setOutputDevice: argSchemas(COMMAND_TABLE.setOutputDevice.args),
  setRingtoneDevice: [DeviceIdsSchema],
  testSpeaker: [],
  postFeedback: argSchemas(COMMAND_TABLE.postFeedback.args),
  requestMicrophone: [],
  clearError: [],
  hold: argSchemas(COMMAND_TABLE.hold.args),
  transfer: argSchemas(COMMAND_TABLE.transfer.args),
  completeTransfer: argSchemas(COMMAND_TABLE.completeTransfer.args),
  merge: argSchemas(COMMAND_TABLE.merge.args),
  switchCall: argSchemas(COMMAND_TABLE.switchCall.args),
};

/** The arguments when they fit the method's parameters (omitted ones undefined), else null. */
export function checkForwardedArgs(method: ForwardedMethod, args: readonly unknown[]): unknown[] | null {
  const schemas = ARGUMENTS[method];
  if (args.length > schemas.length) return null;
  const checked: unknown[] = [];
  for (const [index, schema] of schemas.entries()) {
    const value = args[index];
    const parsed = schema.safeParse(value);
    if (!parsed.success) return null;
    checked.push(parsed.data);
  }
  return checked;
}
