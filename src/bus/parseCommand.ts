/**
 * Turns the untrusted `detail` of a `softphone:command` into a validated `Command`, or into the error
 * the sender must be told about. Pure: it reads the input once (through a JSON snapshot, so getters and
 * proxies run at most once and cannot change the answer afterwards) and never throws.
 */
import { BUS_VERSION } from '../contract/busEvents';
import { COMMAND_TYPES } from '../contract/commands';
import { readDialTargetShape } from '../contract/dialTargetRules';
import { checkDialTarget } from '../contract/phoneNumbers';
import { validateDigits } from '../contract/digits';
import { exceedsUtf8Bytes, MAX_MESSAGE_BYTES } from '../contract/message';
import { CommandSchema, type Command } from '../contract/schemaCommand';
import type { BusError } from '../contract/schemaReply';
import { toWireData } from './transport';

export type ParsedCommand =
  | { ok: true; command: Command }
  /** `id` is the sender's correlation id when it sent a string one; without it no reply is possible. */
  | { ok: false; id: string | undefined; target: unknown; error: BusError };

const MAX_ERROR_MESSAGE = 200;

export function parseCommand(raw: unknown): ParsedCommand {
  let snapshot: unknown;
  try {
    snapshot = toWireData(raw);
  } catch {
    const id = readStringField(raw, 'id');
    return reject(id, undefined, 'invalid_command', 'The command is not JSON-serialisable.');
  }
  if (!isRecord(snapshot)) return reject(undefined, undefined, 'invalid_command', 'The command must be an object.');

  const id = typeof snapshot.id === 'string' ? snapshot.id : undefined;
  const target = snapshot.target;
  if (snapshot.v !== BUS_VERSION)
    return reject(id, target, 'invalid_command', `Unsupported bus version; expected v: ${BUS_VERSION}.`);
  if (hasProtoKey(snapshot)) {
    // zod would silently drop such a key and run the rest of the command; refuse it instead.
    return reject(id, target, 'invalid_command', 'Keys named __proto__ are not allowed in a command.');
  }
  if (!(COMMAND_TYPES as readonly unknown[]).includes(snapshot.type)) {
    return reject(id, target, 'invalid_command', `Unknown command type; expected one of ${COMMAND_TYPES.join(', ')}.`);
  }
  const parsed = CommandSchema.safeParse(snapshot);
  if (!parsed.success) return reject(id, target, 'invalid_command', describeIssue(parsed.error.issues[0]));

  return checkArguments(parsed.data);
}

/** Checks that need more than the schema: the same rules the service and the UI apply. */
function checkArguments(command: Command): ParsedCommand {
  switch (command.type) {
    case 'dial':
    case 'transfer': {
      // The format here, at once; whether the number exists, refusedNumber's (it needs the phone metadata).
      const dialTarget = readDialTargetShape(command.to);
      if (dialTarget.ok === false) return reject(command.id, command.target, 'invalid_number', dialTarget.reason);
      break;
    }
    case 'sendDigits': {
      const digits = validateDigits(command.digits);
      if (!digits.ok) return reject(command.id, command.target, 'invalid_digits', digits.reason);
      break;
    }
    case 'sendMessage': {
      if (command.content === undefined || command.content === null) {
        return reject(command.id, command.target, 'invalid_command', 'content: a message needs content.');
      }
      if (exceedsUtf8Bytes(JSON.stringify(command.content), MAX_MESSAGE_BYTES)) {
        return reject(command.id, command.target, 'invalid_argument', `content: at most ${MAX_MESSAGE_BYTES} bytes.`);
      }
      break;
    }
    default:
      break;
  }
  return { ok: true, command };
}

/**
 * The second half of a dial or transfer target's check, before the command reaches the service: whether the number
 * exists, which needs libphonenumber's metadata (a lazy chunk in the browser, contract/phoneNumbers.ts).
 */
export async function refusedNumber(command: Command): Promise<BusError | undefined> {
  if (command.type !== 'dial' && command.type !== 'transfer') return undefined;
  const target = await checkDialTarget(command.to);
  return target.ok ? undefined : { code: 'invalid_number', message: target.reason.slice(0, MAX_ERROR_MESSAGE) };
}

function reject(id: string | undefined, target: unknown, code: BusError['code'], message: string): ParsedCommand {
  return { ok: false, id, target, error: { code, message: message.slice(0, MAX_ERROR_MESSAGE) } };
}

/** Looks for an own `__proto__` key at any depth; iterative, so deeply nested input cannot overflow the stack. */
function hasProtoKey(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Object.prototype.hasOwnProperty.call(value, '__proto__')) return true;
    for (const child of Object.values(value)) pending.push(child);
  }
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a field of an object that could not be snapshotted; a throwing getter or proxy reads as absent. */
function readStringField(raw: unknown, key: string): string | undefined {
  try {
    if (typeof raw !== 'object' || raw === null) return undefined;
    const value: unknown = Reflect.get(raw, key);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Names the field and the problem without echoing the sender's (possibly huge) value. */
function describeIssue(issue: { path: PropertyKey[]; message: string } | undefined): string {
  if (!issue) return 'Invalid command.';
  const path = issue.path.map((p) => String(p)).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
