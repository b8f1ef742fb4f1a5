/**
 * How a command travels between a method call and the wire: the client turns `dial(to, params)` into
 * `{ type: 'dial', to, params }`, the host turns it back into `service.dial(to, params)`. Both use the
 * argument order of the command table, and the compiler proves that order (and every argument's type
 * and optionality) equals the `SoftphoneService` method's parameters.
 */
import type * as z from 'zod/mini';
import { COMMAND_ARG_NAMES, COMMAND_TYPES, type CommandType } from './commandNames.js';
import type { ArgSpec, CommandResult, CommandTable } from './commands.js';
import type { Command, CommandArgs } from './schemaCommand.js';
import type { SoftphoneService } from './service.js';

/** The positional parameters of a command: its service method's, with their names and optionality. */
export type CommandParameters<T extends CommandType> = Parameters<SoftphoneService[T]>;

/** One method per command, as the service implements them and the client offers them. */
export type CommandMethods = { [T in CommandType]: (...args: CommandParameters<T>) => Promise<CommandResult<T>> };

// The names only (commandNames.ts, zod-free): the client builds its methods on the module entry, without zod.
function argsOf(type: CommandType): readonly string[] {
  return COMMAND_ARG_NAMES[type];
}

/** Calls the service method a validated command names, with its arguments in parameter order. */
export function callCommand(service: CommandMethods, command: Command): Promise<unknown> {
  const fields = command as unknown as Readonly<Record<string, unknown>>;
  const positional = argsOf(command.type).map((name) => fields[name]);
  const method = service[command.type] as (...args: unknown[]) => Promise<unknown>;
  return method.apply(service, positional);
}

/** The command's named arguments; omitted (undefined) parameters are left out. */
export function namedArgs<T extends CommandType>(type: T, positional: readonly unknown[]): CommandArgs<T> {
  const named: Record<string, unknown> = {};
  argsOf(type).forEach((name, index) => {
    if (positional[index] !== undefined) named[name] = positional[index];
  });
  return named as CommandArgs<T>;
}

/** Every command method, each sending its command through `send`. */
export function createCommandMethods(
  send: <T extends CommandType>(type: T, args: CommandArgs<T>) => Promise<CommandResult<T>>,
): CommandMethods {
  const entries = COMMAND_TYPES.map(
    (type) => [type, (...positional: unknown[]) => send(type, namedArgs(type, positional))] as const,
  );
  return Object.fromEntries(entries) as unknown as CommandMethods;
}

// ---------------------------------------------------------------------------------------------
// Compile-time proof that the table and SoftphoneService agree, command by command.
// ---------------------------------------------------------------------------------------------

type ArgValue<Schema> =
  Schema extends z.ZodMiniOptional<infer Inner>
    ? z.output<Inner>
    : Schema extends z.ZodMiniType
      ? z.output<Schema>
      : never;
type PositionalOf<Args> = Args extends readonly [infer Head extends ArgSpec, ...infer Rest]
  ? Head[1] extends z.ZodMiniOptional
    ? [ArgValue<Head[1]>?, ...PositionalOf<Rest>]
    : [ArgValue<Head[1]>, ...PositionalOf<Rest>]
  : [];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type AgreesWithService<T extends CommandType> =
  Same<PositionalOf<CommandTable[T]['args']>, CommandParameters<T>> extends true
    ? Same<Awaited<ReturnType<SoftphoneService[T]>>, CommandResult<T>>
    : false;
type Disagreeing = { [T in CommandType]: AgreesWithService<T> extends true ? never : T }[CommandType];
type Assert<Check extends true> = Check;
/** Fails to compile, naming the command, when a row and its service method disagree. */
export type _TableAgreesWithService = Assert<[Disagreeing] extends [never] ? true : Disagreeing>;
