/**
 * The client's commands that await their reply: each settles once, with its reply, its timeout, or the
 * client's destruction, and a reply's result is checked against the command table's result schema (replies are
 * read behind the lazy validators, so the schemas are loaded by then).
 */
import type { CommandType } from '../contract/commands';
import type { BusError, Reply } from '../contract/schemaReply';
import { SoftphoneCommandError } from './errors';
import { busValidators } from './lazyValidators';

interface PendingCommand {
  readonly type: CommandType;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: SoftphoneCommandError) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export interface PendingCommands {
  /** Starts waiting for the reply to `id`; the promise rejects with `timeout` after `timeoutMs`. */
  wait(id: string, type: CommandType, timeoutMs: number): Promise<unknown>;
  /**
   * Stops waiting for `id` (its timeout is cleared) and returns the function that settles it with its
   * reply; undefined when `id` is none of ours.
   */
  claim(id: string): ((reply: Reply) => void) | undefined;
  /** Rejects one waiting command with `error`. */
  fail(id: string, error: BusError): void;
  /** Rejects every waiting command with `error`. */
  failAll(error: BusError): void;
}

export function createPendingCommands(): PendingCommands {
  const pending = new Map<string, PendingCommand>();
  const take = (id: string): PendingCommand | undefined => {
    const command = pending.get(id);
    if (!command) return undefined;
    pending.delete(id);
    clearTimeout(command.timer);
    return command;
  };
  return {
    wait: (id, type, timeoutMs) =>
      new Promise<unknown>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(
            new SoftphoneCommandError(type, {
              code: 'timeout',
              message: `No softphone answered "${type}" within ${timeoutMs} ms.`,
            }),
          );
        }, timeoutMs);
        pending.set(id, { type, resolve, reject, timer });
      }),
    claim: (id) => {
      const command = take(id);
      return command && ((reply) => settleWithReply(command, reply));
    },
    fail: (id, error) => {
      const command = take(id);
      command?.reject(new SoftphoneCommandError(command.type, error));
    },
    failAll: (error) => {
      for (const id of [...pending.keys()]) {
        const command = take(id);
        command?.reject(new SoftphoneCommandError(command.type, error));
      }
    },
  };
}

function settleWithReply(command: PendingCommand, reply: Reply): void {
  if (!reply.ok) {
    command.reject(new SoftphoneCommandError(command.type, reply.error));
    return;
  }
  const schema = busValidators().resultSchemaOf(command.type);
  if (!schema) {
    command.resolve(undefined);
    return;
  }
  const result = schema.safeParse(reply.result);
  if (result.success) command.resolve(result.data);
  else
    command.reject(
      new SoftphoneCommandError(command.type, {
        code: 'internal_error',
        message: `The softphone answered "${command.type}" with a malformed result.`,
      }),
    );
}
