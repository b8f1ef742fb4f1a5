/** The error a bus client rejects with: the reply's stable code, or `timeout` when no reply came. */
import type { CommandType } from '../contract/commands';
import type { ErrorCode } from '../contract/errorCodes';
import type { BusError } from '../contract/schemaReply';

export class SoftphoneCommandError extends Error {
  override readonly name = 'SoftphoneCommandError';
  readonly code: ErrorCode;
  /** Twilio's numeric error code when the SDK raised the error. */
  readonly twilioCode: number | undefined;
  /** The command that failed. */
  readonly command: CommandType;

  constructor(command: CommandType, error: BusError) {
    super(error.message);
    this.command = command;
    this.code = error.code;
    this.twilioCode = error.twilioCode;
  }
}

/** Works across bundle copies, where `instanceof` would not. */
export function isSoftphoneCommandError(e: unknown): e is SoftphoneCommandError {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'SoftphoneCommandError';
}
