/**
 * What the tabs of one identity say to each other over `BroadcastChannel('switchboard-softphone:tabs:<identity>')`:
 * the leader mirrors its state, events and levels; followers ask for the state and forward method calls, each
 * answered by exactly one result addressed to the asking session. Every message is validated on arrival.
 */
import * as z from 'zod/mini';
import { BUS_VERSION } from '../contract/busEvents';
import { ErrorCodeSchema, TwilioCodeSchema } from '../contract/errorCodes';
import { SoftphoneEventSchema } from '../contract/schemaEvent';
import { SoftphoneStateSchema } from '../contract/schemaState';
import { FORWARDED_METHOD_NAMES } from './forwardedMethods';

export function tabChannelName(identity: string): string {
  return `switchboard-softphone:tabs:${identity}`;
}

const Base = { v: z.literal(BUS_VERSION), from: z.string().check(z.minLength(1), z.maxLength(128)) };

const ForwardedErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string().check(z.maxLength(4096)),
  twilioCode: z.optional(TwilioCodeSchema),
});
export type ForwardedError = z.infer<typeof ForwardedErrorSchema>;

export const TabMessageSchema = z.discriminatedUnion('kind', [
  z.object({ ...Base, kind: z.literal('state'), state: SoftphoneStateSchema }),
  z.object({ ...Base, kind: z.literal('event'), event: SoftphoneEventSchema }),
  z.object({
    ...Base,
    kind: z.literal('volume'),
    volume: z.object({ callSid: z.string(), input: z.number(), output: z.number() }),
  }),
  z.object({ ...Base, kind: z.literal('state-request') }),
  /** A tab arrived or left: the leader counts the tabs again. */
  z.object({ ...Base, kind: z.literal('presence') }),
  z.object({
    ...Base,
    kind: z.literal('call'),
    id: z.string().check(z.minLength(1), z.maxLength(128)),
    method: z.enum(FORWARDED_METHOD_NAMES),
    args: z.array(z.unknown()).check(z.maxLength(4)),
  }),
  z.object({
    ...Base,
    kind: z.literal('result'),
    to: z.string(),
    id: z.string(),
    ok: z.boolean(),
    value: z.optional(z.unknown()),
    error: z.optional(ForwardedErrorSchema),
  }),
]);
export type TabMessage = z.infer<typeof TabMessageSchema>;

/** Distributes `Omit` over the union, so each message kind keeps its own fields. */
type WithoutBase<M> = M extends unknown ? Omit<M, 'v' | 'from'> : never;
export type TabMessageBody = WithoutBase<TabMessage>;

/** One session's end of the channel: posts with its own `from`, hears validated messages from other sessions. */
export interface TabChannel {
  readonly session: string;
  post(message: TabMessageBody): void;
  /** Returns the remover. */
  listen(handler: (message: TabMessage) => void): () => void;
  close(): void;
}

export function openTabChannel(identity: string, session: string): TabChannel {
  const channel = new BroadcastChannel(tabChannelName(identity));
  const handlers = new Set<(message: TabMessage) => void>();
  channel.onmessage = (event: MessageEvent) => {
    const parsed = TabMessageSchema.safeParse(event.data);
    if (!parsed.success || parsed.data.from === session) return;
    for (const handler of [...handlers]) handler(parsed.data);
  };
  let open = true;
  return {
    session,
    post: (message) => {
      if (!open) return;
      try {
        channel.postMessage({ ...message, v: BUS_VERSION, from: session });
      } catch {
        // A message that cannot be cloned is dropped; the next state is complete again.
      }
    },
    listen: (handler) => {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    close: () => {
      if (!open) return;
      open = false;
      handlers.clear();
      channel.onmessage = null;
      channel.close();
    },
  };
}

export function newSessionId(): string {
  return `s-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
