/**
 * Typed RxJS client of the bus for sibling apps. It uses nothing but the window transport, so it works
 * with any softphone bundle on the page, and the observables it returns are consumed through plain
 * `.subscribe({ next })` (no `instanceof Observable` anywhere, so a sibling's own rxjs copy is fine).
 */
import { Observable, Subject, type Subscriber } from 'rxjs';
import { z } from 'zod';
import { SoftphoneCommandError } from './errors';
import { RESULT_SCHEMAS, type CommandResult } from '../contract/results';
import {
  BUS_VERSION,
  BusEvents,
  ReplySchema,
  SoftphoneEventSchema,
  SoftphoneStateSchema,
  type BusError,
  type Command,
  type CommandArgs,
  type CommandType,
  type FeedbackIssue,
  type Reply,
  type SoftphoneEvent,
  type SoftphoneState,
} from '../contract/schema';
import { defaultBusTarget, listen, publish, type BusTarget } from './transport';

export interface SoftphoneClientOptions {
  /** Identity of the softphone to talk to; required when several softphones share the page. */
  target?: string;
  /** The window whose bus to use; defaults to the global `window`. */
  window?: BusTarget;
  /** How long a command waits for its reply before rejecting with code `timeout`. Default 10 s. */
  timeoutMs?: number;
}

export interface SoftphoneClient {
  /** Softphone states (only `target`'s when set). Late subscribers first get the latest state of each instance. */
  readonly state$: Observable<SoftphoneState>;
  /** Device and Call events (only `target`'s when set). */
  readonly events$: Observable<SoftphoneEvent>;
  /** The reply to every command this client sends, successful or not. */
  readonly replies$: Observable<Reply>;
  /** Sends any command; resolves with its result or rejects with a SoftphoneCommandError. */
  send<T extends CommandType>(type: T, args: CommandArgs<T>): Promise<CommandResult<T>>;
  register(): Promise<void>;
  unregister(): Promise<void>;
  dial(to: string, params?: Record<string, string>): Promise<CommandResult<'dial'>>;
  hangup(callSid?: string): Promise<void>;
  hangupAll(): Promise<void>;
  accept(callSid?: string): Promise<void>;
  reject(callSid?: string): Promise<void>;
  ignore(callSid?: string): Promise<void>;
  mute(muted?: boolean, callSid?: string): Promise<CommandResult<'mute'>>;
  sendDigits(digits: string, callSid?: string): Promise<void>;
  sendMessage(content: unknown, messageType?: string, callSid?: string): Promise<CommandResult<'sendMessage'>>;
  setInputDevice(deviceId: string): Promise<void>;
  setOutputDevice(deviceIds: string[]): Promise<void>;
  postFeedback(score: number, issue?: FeedbackIssue, callSid?: string): Promise<void>;
  /** Removes every listener, completes the streams and rejects pending commands. Idempotent. */
  destroy(): void;
}

export const DEFAULT_COMMAND_TIMEOUT_MS = 10_000;

interface PendingCommand {
  readonly type: CommandType;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: SoftphoneCommandError) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export function createSoftphoneClient(opts: SoftphoneClientOptions = {}): SoftphoneClient {
  const bus = opts.window ?? defaultBusTarget();
  const target = opts.target;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
  const forUs = (instance: string): boolean => target === undefined || instance === target;

  const pending = new Map<string, PendingCommand>();
  const replies = new Subject<Reply>();
  let destroyed = false;

  const stopReplies = listen(bus, BusEvents.reply, (detail) => {
    const parsed = ReplySchema.safeParse(detail);
    const reply = parsed.success ? parsed.data : unrecognisedReply(detail);
    const command = reply && pending.get(reply.id);
    if (!reply || !command) return;
    pending.delete(reply.id);
    clearTimeout(command.timer);
    replies.next(reply);
    settle(command, reply);
  });

  const states = createStateStream(bus, target, forUs, () => destroyed);
  const events = createRefCountedStream<SoftphoneEvent>(bus, BusEvents.event, (detail) => {
    const parsed = SoftphoneEventSchema.safeParse(detail);
    return parsed.success && forUs(parsed.data.instance) ? parsed.data : undefined;
  }, () => destroyed);

  function send<T extends CommandType>(type: T, args: CommandArgs<T>): Promise<CommandResult<T>> {
    if (destroyed) return Promise.reject(new SoftphoneCommandError(type, clientDestroyed()));
    const id = newCorrelationId();
    const command = { ...args, v: BUS_VERSION, id, type, ...(target === undefined ? {} : { target }) } as Command;
    return new Promise<CommandResult<T>>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new SoftphoneCommandError(type, { code: 'timeout', message: `No softphone answered "${type}" within ${timeoutMs} ms.` }));
      }, timeoutMs);
      pending.set(id, { type, resolve: resolve as (result: unknown) => void, reject, timer });
      try {
        // The host answers synchronously for invalid commands, so the pending entry must exist first.
        publish(bus, BusEvents.command, command);
      } catch {
        pending.delete(id);
        clearTimeout(timer);
        reject(new SoftphoneCommandError(type, { code: 'invalid_command', message: 'The command arguments cannot be serialised to JSON.' }));
      }
    });
  }

  return {
    state$: states.stream,
    events$: events.stream,
    replies$: replies.asObservable(),
    send,
    register: () => send('register', {}),
    unregister: () => send('unregister', {}),
    dial: (to, params) => send('dial', params === undefined ? { to } : { to, params }),
    hangup: (callSid) => send('hangup', withCallSid({}, callSid)),
    hangupAll: () => send('hangupAll', {}),
    accept: (callSid) => send('accept', withCallSid({}, callSid)),
    reject: (callSid) => send('reject', withCallSid({}, callSid)),
    ignore: (callSid) => send('ignore', withCallSid({}, callSid)),
    mute: (muted, callSid) => send('mute', withCallSid(muted === undefined ? {} : { muted }, callSid)),
    sendDigits: (digits, callSid) => send('sendDigits', withCallSid({ digits }, callSid)),
    sendMessage: (content, messageType, callSid) =>
      send('sendMessage', withCallSid(messageType === undefined ? { content } : { content, messageType }, callSid)),
    setInputDevice: (deviceId) => send('setInputDevice', { deviceId }),
    setOutputDevice: (deviceIds) => send('setOutputDevice', { deviceIds }),
    postFeedback: (score, issue, callSid) => send('postFeedback', withCallSid(issue === undefined ? { score } : { score, issue }, callSid)),
    destroy: () => {
      if (destroyed) return;
      destroyed = true;
      stopReplies();
      states.close();
      events.close();
      replies.complete();
      for (const [id, command] of pending) {
        pending.delete(id);
        clearTimeout(command.timer);
        command.reject(new SoftphoneCommandError(command.type, clientDestroyed()));
      }
    },
  };
}

function settle(command: PendingCommand, reply: Reply): void {
  if (!reply.ok) {
    command.reject(new SoftphoneCommandError(command.type, reply.error));
    return;
  }
  const schema = RESULT_SCHEMAS[command.type];
  if (!schema) {
    command.resolve(undefined);
    return;
  }
  const result = schema.safeParse(reply.result);
  if (result.success) command.resolve(result.data);
  else command.reject(new SoftphoneCommandError(command.type, { code: 'internal_error', message: `The softphone answered "${command.type}" with a malformed result.` }));
}

const ReplyEnvelopeSchema = z.object({ v: z.literal(BUS_VERSION), id: z.string(), ok: z.boolean() });

/**
 * A reply to one of our commands that this client version cannot read (say, an error code added in a
 * later contract version): the command still fails at once instead of waiting for its timeout.
 */
function unrecognisedReply(detail: unknown): Reply | undefined {
  const envelope = ReplyEnvelopeSchema.safeParse(detail);
  if (!envelope.success) return undefined;
  return { v: BUS_VERSION, id: envelope.data.id, ok: false, error: { code: 'internal_error', message: 'The softphone sent a reply this client cannot read.' } };
}

function withCallSid<A extends object>(args: A, callSid: string | undefined): A & { callSid?: string } {
  return callSid === undefined ? args : { ...args, callSid };
}

function clientDestroyed(): BusError {
  return { code: 'not_ready', message: 'The softphone client was destroyed.' };
}

let fallbackCounter = 0;
function newCorrelationId(): string {
  const cryptoApi = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (cryptoApi && typeof cryptoApi.randomUUID === 'function') return cryptoApi.randomUUID();
  fallbackCounter += 1;
  return `sp-${Date.now().toString(36)}-${fallbackCounter.toString(36)}-${Math.random().toString(36).slice(2)}`;
}

interface ClosableStream<T> {
  readonly stream: Observable<T>;
  close(): void;
}

/**
 * An observable that listens to one bus event only while it has subscribers (one window listener
 * shared by all of them) and completes everyone on close.
 */
function createRefCountedStream<T>(
  bus: BusTarget,
  name: typeof BusEvents.event | typeof BusEvents.state,
  accept: (detail: unknown) => T | undefined,
  isClosed: () => boolean,
  hooks: { onEmpty?: () => void; onSubscribe?: (subscriber: Subscriber<T>) => void } = {},
): ClosableStream<T> {
  const subscribers = new Set<Subscriber<T>>();
  let stopListening: (() => void) | undefined;

  const stream = new Observable<T>((subscriber) => {
    if (isClosed()) {
      subscriber.complete();
      return undefined;
    }
    subscribers.add(subscriber);
    if (!stopListening) {
      stopListening = listen(bus, name, (detail) => {
        const value = accept(detail);
        if (value !== undefined) [...subscribers].forEach((s) => s.next(value));
      });
    }
    hooks.onSubscribe?.(subscriber);
    return () => {
      subscribers.delete(subscriber);
      if (subscribers.size === 0 && stopListening) {
        stopListening();
        stopListening = undefined;
        hooks.onEmpty?.();
      }
    };
  });

  return {
    stream,
    close: () => {
      const all = [...subscribers];
      subscribers.clear();
      stopListening?.();
      stopListening = undefined;
      hooks.onEmpty?.();
      all.forEach((s) => s.complete());
    },
  };
}

/**
 * State with replay: the latest state of each instance is cached while anyone listens; a new subscriber
 * gets the cache at once and then a `softphone:state-request` refreshes it. Identical snapshots of an
 * instance (the answer to another subscriber's request) are not delivered twice.
 */
function createStateStream(bus: BusTarget, target: string | undefined, forUs: (instance: string) => boolean, isClosed: () => boolean): ClosableStream<SoftphoneState> {
  const latest = new Map<string, { state: SoftphoneState; json: string }>();
  return createRefCountedStream<SoftphoneState>(
    bus,
    BusEvents.state,
    (detail) => {
      const parsed = SoftphoneStateSchema.safeParse(detail);
      if (!parsed.success || !forUs(parsed.data.instance)) return undefined;
      const json = JSON.stringify(parsed.data);
      if (latest.get(parsed.data.instance)?.json === json) return undefined;
      latest.set(parsed.data.instance, { state: parsed.data, json });
      return parsed.data;
    },
    isClosed,
    {
      onEmpty: () => latest.clear(),
      onSubscribe: (subscriber) => {
        for (const { state } of latest.values()) subscriber.next(state);
        publish(bus, BusEvents.stateRequest, target === undefined ? { v: BUS_VERSION } : { v: BUS_VERSION, target });
      },
    },
  );
}
