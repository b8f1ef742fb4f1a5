/**
 * `softphone:command`: the envelope every command shares plus its arguments, built from the command
 * table so the runtime check and the inferred `Command` type cannot drift from it.
 */
import * as z from 'zod/mini';
import { BUS_VERSION } from './busEvents.js';
import { COMMAND_TABLE, COMMAND_TYPES, type CommandSpec, type CommandTable, type CommandType } from './commands.js';
import { TargetSchema } from './identity.js';

/** Fields every command shares. `target` addresses one softphone by its identity. */
const Envelope = {
  v: z.literal(BUS_VERSION),
  id: z.string().check(z.minLength(1), z.maxLength(128)),
  target: z.optional(TargetSchema),
};

type ArgShape<T extends CommandType> = { [Arg in CommandTable[T]['args'][number] as Arg[0]]: Arg[1] };
type CommandObjectSchema<T extends CommandType> = z.ZodMiniObject<
  typeof Envelope & { type: z.ZodMiniLiteral<T> } & ArgShape<T>
>;
type AnyCommandObjectSchema = { [T in CommandType]: CommandObjectSchema<T> }[CommandType];

function commandObjectSchema<T extends CommandType>(type: T): CommandObjectSchema<T> {
  const spec: CommandSpec = COMMAND_TABLE[type];
  const schema = z.object({ ...Envelope, type: z.literal(type), ...Object.fromEntries(spec.args) });
  return schema as unknown as CommandObjectSchema<T>;
}

const commandObjectSchemas = COMMAND_TYPES.map(commandObjectSchema) as unknown as [
  AnyCommandObjectSchema,
  ...AnyCommandObjectSchema[],
];

export const CommandSchema = z.discriminatedUnion('type', commandObjectSchemas);
export type Command = z.infer<typeof CommandSchema>;

/** Arguments of one command type, without the envelope fields. */
export type CommandArgs<T extends CommandType> = Omit<Extract<Command, { type: T }>, 'v' | 'id' | 'type' | 'target'>;
