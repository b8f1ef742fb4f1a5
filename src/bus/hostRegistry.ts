/**
 * The per-window dispatcher: one `softphone:command` and one `softphone:state-request` listener per window,
 * however many softphones (and however many copies of this bundle) are on the page.
 *
 * The registry lives on the window under a `Symbol.for` key, so a second copy of this module finds the
 * first copy's registry and adds its instances there instead of installing a second listener (which
 * would answer every command twice). The shape stored there is therefore a contract between bundle
 * versions: keep `HostRegistry` and `HostEntry` backwards compatible.
 */
import { parseCommand } from './parseCommand';
import { BUS_VERSION, BusEvents } from '../contract/busEvents';
import type { Command } from '../contract/schemaCommand';
import { StateRequestSchema, type BusError, type Reply } from '../contract/schemaReply';
import { listen, publish, toWireData, type BusTarget } from './transport';

/** One softphone instance as the dispatcher sees it. */
export interface HostEntry {
  /** The softphone's identity (bus `instance`). */
  readonly instance: string;
  /** Executes a validated command addressed to this instance; always resolves with the reply to publish. */
  execute(command: Command): Promise<Reply>;
  /** Publishes this instance's current state now. */
  publishState(): void;
}

export interface HostRegistry {
  readonly version: 1;
  readonly entries: HostEntry[];
  /** Removes the window listeners; called when the last entry leaves. */
  readonly dispose: () => void;
}

export const REGISTRY_KEY: unique symbol = Symbol.for('@switchboard/softphone:bus-host-registry@1');

type TargetWithRegistry = BusTarget & { [REGISTRY_KEY]?: HostRegistry };

export function findRegistry(target: BusTarget): HostRegistry | undefined {
  return (target as TargetWithRegistry)[REGISTRY_KEY];
}

/** Adds `entry` to the window's registry, creating it (and its two listeners) for the first entry. Returns the remover. */
export function registerEntry(target: BusTarget, entry: HostEntry): () => void {
  const registry = findRegistry(target) ?? createRegistry(target);
  registry.entries.push(entry);
  let removed = false;
  return () => {
    if (removed) return;
    removed = true;
    const index = registry.entries.indexOf(entry);
    if (index >= 0) registry.entries.splice(index, 1);
    if (registry.entries.length === 0 && findRegistry(target) === registry) {
      registry.dispose();
      delete (target as TargetWithRegistry)[REGISTRY_KEY];
    }
  };
}

function createRegistry(target: BusTarget): HostRegistry {
  const entries: HostEntry[] = [];
  const stopCommands = listen(target, BusEvents.command, (detail) => handleCommand(target, entries, detail));
  const stopStateRequests = listen(target, BusEvents.stateRequest, (detail) => handleStateRequest(entries, detail));
  const registry: HostRegistry = {
    version: 1,
    entries,
    dispose: () => {
      stopCommands();
      stopStateRequests();
    },
  };
  Object.defineProperty(target, REGISTRY_KEY, {
    value: registry,
    configurable: true,
    enumerable: false,
    writable: false,
  });
  return registry;
}

type Address = { ok: true; entry: HostEntry } | { ok: false; error: BusError } | { ok: false; error: null };

/** Which instance a command goes to. `error: null` means nobody is home: no reply at all. */
export function resolveAddress(entries: readonly HostEntry[], target: unknown): Address {
  if (target !== undefined) {
    const matches = entries.filter((e) => e.instance === target);
    if (matches.length === 1) return { ok: true, entry: matches[0] };
    if (matches.length === 0)
      return { ok: false, error: { code: 'unknown_target', message: 'No softphone on this page has that identity.' } };
    return {
      ok: false,
      error: { code: 'ambiguous_target', message: 'Several softphones on this page share that identity.' },
    };
  }
  if (entries.length === 1) return { ok: true, entry: entries[0] };
  if (entries.length === 0) return { ok: false, error: null };
  return {
    ok: false,
    error: {
      code: 'ambiguous_target',
      message: `${entries.length} softphones are on this page: name one with target (${entries.map((e) => e.instance).join(', ')}).`,
    },
  };
}

function handleCommand(target: BusTarget, entries: readonly HostEntry[], detail: unknown): void {
  // Nothing a sibling sends may throw into its own dispatchEvent call or break the next command.
  try {
    const parsed = parseCommand(detail);
    if (!parsed.ok) {
      if (parsed.id === undefined) return; // no correlation id: nobody could match a reply
      const address = resolveAddress(entries, parsed.target);
      const instance = address.ok ? address.entry.instance : undefined;
      sendReply(target, {
        v: BUS_VERSION,
        id: parsed.id,
        ...(instance === undefined ? {} : { instance }),
        ok: false,
        error: parsed.error,
      });
      return;
    }
    const command = parsed.command;
    const address = resolveAddress(entries, command.target);
    if (!address.ok) {
      if (address.error) sendReply(target, { v: BUS_VERSION, id: command.id, ok: false, error: address.error });
      return;
    }
    const instance = address.entry.instance;
    void address.entry
      .execute(command)
      .catch(() => internalError(command.id, instance, 'The softphone failed to execute the command.'))
      .then((reply) => sendReply(target, reply))
      .catch(() => undefined); // the window refused the event: there is nobody left to tell
  } catch {
    // parseCommand and resolveAddress do not throw; this only guards against a broken entry from another bundle copy.
  }
}

function handleStateRequest(entries: readonly HostEntry[], detail: unknown): void {
  try {
    const request = StateRequestSchema.safeParse(toWireData(detail));
    if (!request.success) return;
    const requested = request.data.target;
    // Copy: publishing runs sibling listeners synchronously, and those may detach softphones.
    for (const entry of [...entries]) {
      if (requested === undefined || entry.instance === requested) entry.publishState();
    }
  } catch {
    // A malformed request has nobody to answer to.
  }
}

function internalError(id: string, instance: string | undefined, message: string): Reply {
  return {
    v: BUS_VERSION,
    id,
    ...(instance === undefined ? {} : { instance }),
    ok: false,
    error: { code: 'internal_error', message },
  };
}

/** Publishes a reply; a result that cannot cross the bus becomes an internal_error so the sender still gets its one reply. */
function sendReply(target: BusTarget, reply: Reply): void {
  try {
    publish(target, BusEvents.reply, reply);
  } catch {
    publish(target, BusEvents.reply, internalError(reply.id, reply.instance, 'The result could not be serialised.'));
  }
}
