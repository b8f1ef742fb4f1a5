/**
 * Optional mirror of states and events to the other tabs of this origin over
 * `BroadcastChannel('switchboard-softphone')`. Commands stay on the window bus: a tab only controls
 * its own softphones. Where BroadcastChannel does not exist, the mirror is simply absent.
 */
import * as z from 'zod/mini';
import { BUS_VERSION } from '../contract/busEvents';
import { SoftphoneEventSchema, type SoftphoneEvent } from '../contract/schemaEvent';
import { SoftphoneStateSchema, type SoftphoneState } from '../contract/schemaState';

export const CROSS_TAB_CHANNEL = 'switchboard-softphone';

export const CrossTabMessageSchema = z.discriminatedUnion('kind', [
  z.object({ v: z.literal(BUS_VERSION), tab: z.string(), kind: z.literal('state'), detail: SoftphoneStateSchema }),
  z.object({ v: z.literal(BUS_VERSION), tab: z.string(), kind: z.literal('event'), detail: SoftphoneEventSchema }),
]);
export type CrossTabMessage = z.infer<typeof CrossTabMessageSchema>;

/** One id per tab (window), shared by every copy of this bundle in it, so a tab can skip its own echoes. */
const TAB_ID_KEY = Symbol.for('@switchboard/softphone:tab-id');
export function currentTabId(): string {
  const holder = globalThis as { [TAB_ID_KEY]?: string };
  if (holder[TAB_ID_KEY] === undefined) {
    Object.defineProperty(holder, TAB_ID_KEY, {
      value: `tab-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`,
      configurable: true,
    });
  }
  return holder[TAB_ID_KEY] as string;
}

export interface CrossTabPublisher {
  state(detail: SoftphoneState): void;
  event(detail: SoftphoneEvent): void;
  close(): void;
}

/** Host side: undefined where BroadcastChannel is unavailable. Details must already be plain JSON data. */
export function openCrossTabPublisher(): CrossTabPublisher | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  const channel = new BroadcastChannel(CROSS_TAB_CHANNEL);
  const tab = currentTabId();
  return {
    state: (detail) => channel.postMessage({ v: BUS_VERSION, tab, kind: 'state', detail } satisfies CrossTabMessage),
    event: (detail) => channel.postMessage({ v: BUS_VERSION, tab, kind: 'event', detail } satisfies CrossTabMessage),
    close: () => channel.close(),
  };
}

export interface CrossTabHandlers {
  state?: (state: SoftphoneState, tab: string) => void;
  event?: (event: SoftphoneEvent, tab: string) => void;
}

/** Receiving side: validated states and events published by softphones in *other* tabs. Returns the remover. */
export function listenToOtherTabs(handlers: CrossTabHandlers): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(CROSS_TAB_CHANNEL);
  const ownTab = currentTabId();
  channel.onmessage = (message: MessageEvent) => {
    const parsed = CrossTabMessageSchema.safeParse(message.data);
    if (!parsed.success || parsed.data.tab === ownTab) return;
    if (parsed.data.kind === 'state') handlers.state?.(parsed.data.detail, parsed.data.tab);
    else handlers.event?.(parsed.data.detail, parsed.data.tab);
  };
  let open = true;
  return () => {
    if (!open) return;
    open = false;
    channel.onmessage = null;
    channel.close();
  };
}
