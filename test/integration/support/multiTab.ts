/**
 * Several tabs of one person: pages of ONE Chromium context (so they share Web Locks, BroadcastChannel and
 * IndexedDB) on the demo as `npm start` serves it, `?identity=NAME`. Reads each tab's state from its own bus and
 * drives the control API from the test process.
 */
import type { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import type { SoftphoneState } from '../../../src/contract/schema';
import { launchChromium } from '../../support/chromium';
import { Phone } from '../../e2e/support/phone';
import { startStack, type Stack } from '../../e2e/support/stack';

export const WAIT_MS = 15_000;

export interface Registration {
  identity: string;
  sessionId: string;
  registered: boolean;
}

export class MultiTabStack {
  private constructor(
    readonly stack: Stack,
    readonly browser: Browser,
    readonly context: BrowserContext,
  ) {}

  static async start(initScript?: () => void): Promise<MultiTabStack> {
    const [stack, browser] = await Promise.all([startStack(), launchChromium({ autoAcceptMicrophone: true })]);
    const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1100, height: 900 } });
    await context.grantPermissions(['microphone', 'notifications'], { origin: stack.origin });
    if (initScript) await context.addInitScript(initScript);
    return new MultiTabStack(stack, browser, context);
  }

  get api(): APIRequestContext {
    return this.context.request;
  }

  /** A new tab showing `identity`'s phone. */
  async openTab(identity: string): Promise<Tab> {
    const page = await this.context.newPage();
    await page.goto(`${this.stack.origin}/?identity=${identity}`);
    return new Tab(page, identity);
  }

  async registrations(identity: string): Promise<Registration[]> {
    const response = await this.api.get(`${this.stack.origin}/control/registrations`);
    const body = (await response.json()) as { registrations: Registration[] };
    return body.registrations.filter((r) => r.identity === identity && r.registered);
  }

  /** Waits until exactly `count` registrations of `identity` are listed; returns when that first held. */
  async waitForRegistrations(identity: string, count: number, timeoutMs = WAIT_MS): Promise<Registration[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const list = await this.registrations(identity);
      if (list.length === count) return list;
      if (Date.now() > deadline) throw new Error(`${identity} has ${list.length} registrations, not ${count}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The gateway calls `to` (every registered Device of it); returns the callSid. */
  async placeIncomingCall(to: string, from = '+14155550123'): Promise<string> {
    const response = await this.api.post(`${this.stack.origin}/control/calls`, { data: { to, from } });
    if (response.status() !== 201)
      throw new Error(`POST /control/calls: ${response.status()} ${await response.text()}`);
    return ((await response.json()) as { callSid: string }).callSid;
  }

  async hangUpFarEnd(callSid: string): Promise<void> {
    await this.api.delete(`${this.stack.origin}/control/calls/${callSid}`);
  }

  async stop(): Promise<void> {
    await this.context?.close();
    await this.browser?.close();
    await this.stack?.stop();
  }
}

export class Tab {
  readonly phone: Phone;

  constructor(
    readonly page: Page,
    readonly identity: string,
  ) {
    this.phone = new Phone(page, identity);
  }

  /** This tab's softphone state, as a sibling on this page reads it from the bus. */
  state(): Promise<SoftphoneState> {
    return this.page.evaluate(
      (target) =>
        new Promise<SoftphoneState>((resolve) => {
          const onState = (event: Event): void => {
            const detail = (event as CustomEvent<SoftphoneState>).detail;
            if (detail.instance !== target) return;
            removeEventListener('softphone:state', onState);
            resolve(detail);
          };
          addEventListener('softphone:state', onState);
          dispatchEvent(new CustomEvent('softphone:state-request', { detail: { v: 1, target } }));
        }),
      this.identity,
    );
  }

  /** Polls this tab's bus state until `check` holds; returns that state. */
  async waitForState(check: (state: SoftphoneState) => boolean, what: string, timeoutMs = WAIT_MS) {
    const deadline = Date.now() + timeoutMs;
    let last: SoftphoneState | undefined;
    for (;;) {
      last = await this.state().catch(() => undefined);
      if (last && check(last)) return last;
      if (Date.now() > deadline) throw new Error(`${what}: not reached; last state ${JSON.stringify(last)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  role(): Promise<string | undefined> {
    return this.state().then((s) => s.device.tab?.role);
  }
}

/** Audio bytes this tab's peer connections sent and received so far. */
export async function audioBytes(tab: Tab): Promise<{ sent: number; received: number }> {
  return tab.page.evaluate(async () => {
    const probe = (window as unknown as { __tabProbe: { peerConnections: RTCPeerConnection[] } }).__tabProbe;
    let sent = 0;
    let received = 0;
    for (const pc of probe.peerConnections) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      stats.forEach((report: { type: string; kind?: string; bytesSent?: number; bytesReceived?: number }) => {
        if (report.type === 'outbound-rtp' && report.kind === 'audio') sent += report.bytesSent ?? 0;
        if (report.type === 'inbound-rtp' && report.kind === 'audio') received += report.bytesReceived ?? 0;
      });
    }
    return { sent, received };
  });
}

/** Waits until audio flows both ways in `tab`: sent and received bytes both grow. */
export async function waitForAudioBothWays(tab: Tab, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const first = await audioBytes(tab);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = await audioBytes(tab);
    if (now.sent > first.sent && now.received > first.received) return;
    if (Date.now() > deadline) throw new Error(`audio did not flow both ways: ${JSON.stringify({ first, now })}`);
  }
}

/** The notifications `tab` has shown. */
export function notificationsOf(tab: Tab): Promise<{ title: string; body: string; tag: string }[]> {
  return tab.page.evaluate(
    () =>
      (window as unknown as { __tabProbe: { notifications: { title: string; body: string; tag: string }[] } })
        .__tabProbe.notifications,
  );
}

/** Sends a bus command from a sibling on `tab`'s page; resolves with every reply to its id seen within `settleMs`. */
export function sendBusCommand(
  tab: Tab,
  command: Record<string, unknown>,
  settleMs = 1500,
): Promise<{ ok: boolean; result?: unknown; error?: { code: string } }[]> {
  return tab.page.evaluate(
    ({ command, settleMs }) =>
      new Promise<{ ok: boolean; result?: unknown; error?: { code: string } }[]>((resolve) => {
        const id = `sibling-${Math.random().toString(36).slice(2)}`;
        const replies: { ok: boolean; result?: unknown; error?: { code: string } }[] = [];
        const onReply = (event: Event): void => {
          const detail = (event as CustomEvent<{ id: string; ok: boolean }>).detail;
          if (detail.id !== id) return;
          replies.push(detail);
          // Wait a while after the first reply: a second one would be a bug.
          if (replies.length === 1) setTimeout(finish, settleMs);
        };
        const finish = (): void => {
          removeEventListener('softphone:reply', onReply);
          resolve(replies);
        };
        addEventListener('softphone:reply', onReply);
        setTimeout(finish, 20_000);
        dispatchEvent(new CustomEvent('softphone:command', { detail: { v: 1, id, ...command } }));
      }),
    { command, settleMs },
  );
}

/** Polls `read` until `check` holds on its value; returns that value. */
export async function eventually<T>(
  read: () => Promise<T> | T,
  check: (value: T) => boolean,
  what: string,
  timeoutMs = WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Makes `tab` read as hidden (the person switched to another tab or app), as `visibilitychange` reports it. */
export async function hideTab(tab: Tab): Promise<void> {
  await tab.page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

/** Saves audio choices for `identity` straight into the softphone's IndexedDB, as an earlier session would have. */
export async function saveChoicesDirectly(
  tab: Tab,
  choices: { identity: string; input: string | null; outputs: string[]; ringtoneOutputs: string[] },
): Promise<void> {
  await tab.page.evaluate(
    (value) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('switchboard-softphone');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('settings', 'readwrite');
          tx.objectStore('settings').put(value);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    choices,
  );
}

/** The audio choices saved for `identity` in the softphone's IndexedDB, read in `tab`. */
export function savedChoices(tab: Tab, identity: string): Promise<{ input: string | null; outputs: string[] } | null> {
  return tab.page.evaluate(
    (key) =>
      new Promise<{ input: string | null; outputs: string[] } | null>((resolve, reject) => {
        const open = indexedDB.open('switchboard-softphone');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('settings').objectStore('settings').get(key);
          read.onsuccess = () => {
            open.result.close();
            resolve((read.result as { input: string | null; outputs: string[] } | undefined) ?? null);
          };
          read.onerror = () => reject(read.error);
        };
      }),
    identity,
  );
}
