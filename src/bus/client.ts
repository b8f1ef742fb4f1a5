/**
 * Typed RxJS client of the bus for sibling apps. It uses nothing but the window transport, so it works
 * with any softphone bundle on the page, and the observables it returns are consumed through plain
 * `.subscribe({ next })` (no `instanceof Observable` anywhere, so a sibling's own rxjs copy is fine).
 * One method per row of the command table (contract/commands.ts), with the service method's parameters.
 */
import { Subject, type Observable } from 'rxjs';
import { BUS_VERSION, BusEvents } from '../contract/busEvents';
import { createCommandMethods, type CommandMethods } from '../contract/commandCalls';
import type { CommandResult, CommandType } from '../contract/commands';
import type { Command, CommandArgs } from '../contract/schemaCommand';
import type { BusError, Reply } from '../contract/schemaReply';
import type { SoftphoneEvent } from '../contract/schemaEvent';
import type { SoftphoneState } from '../contract/schemaState';
import { newCorrelationId } from './correlationId';
import { SoftphoneCommandError } from './errors';
import { busValidators, listenValidated, loadBusValidators } from './lazyValidators';
import { createPendingCommands } from './pendingCommands';
import { createEventStream, createStateStream } from './streams';
import { defaultBusTarget, publish, type BusTarget } from './transport';

export interface SoftphoneClientOptions {
  /** Identity of the softphone to talk to; required when several softphones share the page. */
  target?: string;
  /** The window whose bus to use; defaults to the global `window`. */
  window?: BusTarget;
  /** How long a command waits for its reply before rejecting with code `timeout`. Default 10 s. */
  timeoutMs?: number;
}

/**
 * The state and event streams, and one method per command (`dial(to, params?)`, `mute(muted?, callSid?)`,
 * ...): each resolves with the command's result or rejects with a SoftphoneCommandError.
 */
export interface SoftphoneClient extends CommandMethods {
  /** Softphone states (only `target`'s when set). Late subscribers first get the latest state of each instance. */
  readonly state$: Observable<SoftphoneState>;
  /** Device and Call events (only `target`'s when set). */
  readonly events$: Observable<SoftphoneEvent>;
  /** The reply to every command this client sends, successful or not. */
  readonly replies$: Observable<Reply>;
  /** Sends any command; resolves with its result or rejects with a SoftphoneCommandError. */
  send<T extends CommandType>(type: T, args: CommandArgs<T>): Promise<CommandResult<T>>;
  /** Removes every listener, completes the streams and rejects pending commands. Idempotent. */
  destroy(): void;
}

export const DEFAULT_COMMAND_TIMEOUT_MS = 10_000;

export function createSoftphoneClient(opts: SoftphoneClientOptions = {}): SoftphoneClient {
  const bus = opts.window ?? defaultBusTarget();
  const target = opts.target;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  const pending = createPendingCommands();
  const replies = new Subject<Reply>();
  let destroyed = false;
  // Start loading the validators now: replies and states that arrive earlier wait for them (lazyValidators.ts).
  loadBusValidators().catch(() => undefined);

  const stopReplies = listenValidated(bus, BusEvents.reply, (detail) => {
    const reply = busValidators().readReply(detail);
    const settle = reply && pending.claim(reply.id);
    if (!reply || !settle) return;
    replies.next(reply);
    settle(reply);
  });
  const states = createStateStream(bus, target);
  const events = createEventStream(bus, target);

  function send<T extends CommandType>(type: T, args: CommandArgs<T>): Promise<CommandResult<T>> {
    if (destroyed) return Promise.reject(new SoftphoneCommandError(type, clientDestroyed()));
    const id = newCorrelationId();
    const command = { ...args, v: BUS_VERSION, id, type, ...(target === undefined ? {} : { target }) } as Command;
    // The host answers invalid commands synchronously, so the command must be waiting before it is published.
    const result = pending.wait(id, type, timeoutMs) as Promise<CommandResult<T>>;
    try {
      publish(bus, BusEvents.command, command);
    } catch {
      pending.fail(id, { code: 'invalid_command', message: 'The command arguments cannot be serialised to JSON.' });
    }
    return result;
  }

  return {
    ...createCommandMethods(send),
    state$: states.stream,
    events$: events.stream,
    replies$: replies.asObservable(),
    send,
    destroy: () => {
      if (destroyed) return;
      destroyed = true;
      stopReplies();
      states.close();
      events.close();
      replies.complete();
      pending.failAll(clientDestroyed());
    },
  };
}

function clientDestroyed(): BusError {
  return { code: 'not_ready', message: 'The softphone client was destroyed.' };
}
