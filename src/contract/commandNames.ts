/**
 * The command table's names without its schemas (commands.ts): every command type and its arguments' names in
 * parameter order. Zod-free, so the bus client's methods can be built on the module entry; commands.ts proves at
 * compile time that these names are exactly the table's.
 */
export const COMMAND_ARG_NAMES = {
  register: [],
  unregister: [],
  dial: ['to', 'params'],
  hangup: ['callSid'],
  hangupAll: [],
  accept: ['callSid'],
  reject: ['callSid'],
  ignore: ['callSid'],
  mute: ['muted', 'callSid'],
  sendDigits: ['digits', 'callSid'],
  sendMessage: ['content', 'messageType', 'callSid'],
  setInputDevice: ['deviceId'],
  setOutputDevice: ['deviceIds'],
  postFeedback: ['score', 'issue', 'callSid'],
  history: ['limit'],
  hold: ['held', 'callSid'],
  transfer: ['to', 'callSid', 'mode'],
  completeTransfer: ['callSid'],
  merge: [],
  switchCall: ['callSid'],
} as const satisfies Record<string, readonly string[]>;

export type CommandType = keyof typeof COMMAND_ARG_NAMES;
export const COMMAND_TYPES: readonly CommandType[] = Object.keys(COMMAND_ARG_NAMES) as CommandType[];
