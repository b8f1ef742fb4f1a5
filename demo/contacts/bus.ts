/**
 * The softphone bus as a third-party app sees it: nothing but `window` CustomEvents. This file
 * deliberately imports nothing from the softphone (or rxjs); the event names and shapes are the public
 * contract v1 documented in the README, restated here the way any other team would.
 */
const COMMAND = 'softphone:command';
const REPLY = 'softphone:reply';
const STATE = 'softphone:state';
const STATE_REQUEST = 'softphone:state-request';

export type ContactCommand =
  { type: 'dial'; to: string } | { type: 'hangup' } | { type: 'transfer'; to: string; mode: 'blind' };

export type CommandOutcome =
  | { kind: 'ok'; instance?: string; result?: unknown }
  | { kind: 'error'; instance?: string; code: string; message: string }
  | { kind: 'timeout' };

export interface BusConnection {
  /** Sends one command to `target` and resolves with its reply (or a timeout); never rejects. */
  send(command: ContactCommand, target: string): Promise<CommandOutcome>;
  /** Stops listening and settles pending commands as timed out. */
  close(): void;
}

interface Pending {
  settle(outcome: CommandOutcome): void;
  timer: ReturnType<typeof setTimeout>;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** Reads a reply defensively: anything on the page can dispatch this event name. */
export function readReply(detail: unknown): { id: string; outcome: CommandOutcome } | undefined {
  const reply = asRecord(detail);
  if (!reply || reply.v !== 1 || typeof reply.id !== 'string' || typeof reply.ok !== 'boolean') return undefined;
  const instance = typeof reply.instance === 'string' ? reply.instance : undefined;
  if (reply.ok) return { id: reply.id, outcome: { kind: 'ok', instance, result: reply.result } };
  const error = asRecord(reply.error);
  const code = typeof error?.code === 'string' ? error.code : 'unknown';
  const message = typeof error?.message === 'string' ? error.message : '';
  return { id: reply.id, outcome: { kind: 'error', instance, code, message } };
}

let sequence = 0;
function nextId(): string {
  sequence += 1;
  return `contacts-${Date.now().toString(36)}-${sequence}`;
}

export function connectToBus(win: Window, timeoutMs = 10_000): BusConnection {
  const pending = new Map<string, Pending>();
  const onReply = (event: Event): void => {
    const reply = readReply((event as CustomEvent<unknown>).detail);
    const waiting = reply && pending.get(reply.id);
    if (reply && waiting) waiting.settle(reply.outcome);
  };
  win.addEventListener(REPLY, onReply);

  return {
    send(command, target) {
      const id = nextId();
      return new Promise<CommandOutcome>((resolve) => {
        const settle = (outcome: CommandOutcome): void => {
          clearTimeout(entry.timer);
          pending.delete(id);
          resolve(outcome);
        };
        const entry: Pending = { settle, timer: setTimeout(() => settle({ kind: 'timeout' }), timeoutMs) };
        pending.set(id, entry);
        win.dispatchEvent(new CustomEvent(COMMAND, { detail: { v: 1, id, target, ...command } }));
      });
    },
    close() {
      win.removeEventListener(REPLY, onReply);
      for (const entry of [...pending.values()]) entry.settle({ kind: 'timeout' });
    },
  };
}

/** Whether a `softphone:state` snapshot shows a call in progress (one the phone could transfer). */
export function hasCallInProgress(detail: unknown): boolean {
  const calls = asRecord(detail)?.calls;
  if (!Array.isArray(calls)) return false;
  return calls.some((call) => {
    const c = asRecord(call);
    return c?.status === 'open' && c.held !== true;
  });
}

/** Calls `onChange(identity, inCall)` whenever a softphone's state says it has (or no longer has) a live call. */
export function watchCalls(win: Window, onChange: (identity: string, inCall: boolean) => void): () => void {
  const last = new Map<string, boolean>();
  const onState = (event: Event): void => {
    const detail = (event as CustomEvent<unknown>).detail;
    const instance = asRecord(detail)?.instance;
    if (typeof instance !== 'string') return;
    const inCall = hasCallInProgress(detail);
    if (last.get(instance) === inCall) return;
    last.set(instance, inCall);
    onChange(instance, inCall);
  };
  win.addEventListener(STATE, onState);
  return () => win.removeEventListener(STATE, onState);
}

/**
 * Calls `onChange` with the sorted identities of the softphones on the page, learned from their state
 * broadcasts (and asked for once, since state events are not replayed). Returns the function that stops.
 */
export function watchSoftphones(win: Window, onChange: (identities: string[]) => void): () => void {
  const known = new Set<string>();
  const onState = (event: Event): void => {
    const instance = asRecord((event as CustomEvent<unknown>).detail)?.instance;
    if (typeof instance !== 'string' || known.has(instance)) return;
    known.add(instance);
    onChange([...known].sort());
  };
  win.addEventListener(STATE, onState);
  win.dispatchEvent(new CustomEvent(STATE_REQUEST, { detail: { v: 1 } }));
  return () => win.removeEventListener(STATE, onState);
}
