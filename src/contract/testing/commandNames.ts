/** The fake service's command names: every SoftphoneService method that is not a stream or a read. */
import type { SoftphoneService } from '../service';

/** The methods of SoftphoneService that are commands (everything but the streams, `instance` and `getState`). */
export type CommandName = Exclude<
  keyof SoftphoneService,
  'instance' | 'state$' | 'events$' | 'volume$' | 'micLevel$' | 'history$' | 'getState'
>;
/** Commands that return a promise, and so can be made to reject. */
export type AsyncCommandName = Exclude<CommandName, 'clearError' | 'destroy'>;

export const COMMAND_NAMES = [
  'start',
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
  'history',
  'clearHistory',
  'useThisTab',
  'hold',
  'transfer',
  'completeTransfer',
  'merge',
  'switchCall',
  'destroy',
] as const satisfies readonly CommandName[];
