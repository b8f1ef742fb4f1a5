/**
 * Optional mirror of states and events to the other tabs of this origin over
 * `BroadcastChannel('switchboard-softphone')`. Commands stay on the window bus: a tab only controls
 * its own softphones. Where BroadcastChannel does not exist, the mirror is simply absent.
 */
import { BUS_VERSION } from '../contract/busEvents';
import type { SoftphoneEvent } from '../contract/schemaEvent';
import type { SoftphoneState } from '../contract/schemaState';
import type { CrossTabMessage } from './crossTabSchema';
import { busValidators, loadBusValidators, validatedHandler } from './lazyValidators';

// The schema lives in crossTabSchema.ts: this file is on the module entry, which carries no zod.
export type { CrossTabMessage };
export const CROSS_TAB_CHANNEL = 'switchboard-softphone';

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
  loadBusValidators().catch(() => undefined); // messages wait for the validators (lazyValidators.ts)
  const gate = validatedHandler((data) => {
    const parsed = busValidators().CrossTabMessageSchema.safeParse(data);
    if (!parsed.success || parsed.data.tab === ownTab) return;
    if (parsed.data.kind === 'state') handlers.state?.(parsed.data.detail, parsed.data.tab);
    else handlers.event?.(parsed.data.detail, parsed.data.tab);
  });
  channel.onmessage = (message: MessageEvent) => gate.accept(message.data);
  let open = true;
  return () => {
    if (!open) return;
    open = false;
    gate.cancel();
    channel.onmessage = null;
    channel.close();
  };
}
