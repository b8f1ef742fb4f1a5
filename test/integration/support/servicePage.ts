/**
 * Node-side driver for one browser page running the VoiceService harness (serviceHarness.ts): typed commands,
 * the recorded state$/events$ and waits on them. Predicates run in the page, so they must be self-contained
 * functions of their arguments (Playwright serialises them).
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { SoftphoneEvent, SoftphoneState } from '../../../src/contract/schema';
import type { CommandName, Outcome, ServiceHarness, StartOptions } from './serviceHarness';
import type { ResourceCount } from './serviceResources';

type HarnessWindow = { harness: ServiceHarness };

export type StatePredicate<A> = (state: SoftphoneState, arg: A) => boolean;

export interface EventQuery {
  name: SoftphoneEvent['name'];
  source?: SoftphoneEvent['source'];
  callSid?: string;
  /** Only events recorded at or after this index (see `marks()`). */
  after?: number;
}

export interface Marks {
  states: number;
  events: number;
}

const DEFAULT_WAIT_MS = 10_000;

export class ServicePage {
  private constructor(
    readonly page: Page,
    readonly identity: string,
  ) {}

  /** Opens the harness page on `origin` and starts a VoiceService for `identity` (does not wait for registration). */
  static async open(
    context: BrowserContext,
    origin: string,
    identity: string,
    options: StartOptions = {},
  ): Promise<ServicePage> {
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => 'harness' in window);
    await page.evaluate(([id, opts]) => (window as unknown as HarnessWindow).harness.start(id, opts), [
      identity,
      options,
    ] as const);
    return new ServicePage(page, identity);
  }

  /** Resolves with the outcome of the service's `start()`. */
  started(): Promise<Outcome<null>> {
    return this.page.evaluate(() => (window as unknown as HarnessWindow).harness.started());
  }

  /** Runs a service command; a rejection comes back as `{ ok: false, code }`. */
  run<T = unknown>(name: CommandName, ...args: unknown[]): Promise<Outcome<T>> {
    return this.page.evaluate(([n, a]) => (window as unknown as HarnessWindow).harness.run(n, a), [
      name,
      args,
    ] as const) as Promise<Outcome<T>>;
  }

  /** Runs a command that must succeed and returns its result. */
  async ok<T = unknown>(name: CommandName, ...args: unknown[]): Promise<T> {
    const outcome = await this.run<T>(name, ...args);
    if (!outcome.ok) throw new Error(`${this.identity}.${name} failed: ${outcome.code} ${outcome.message}`);
    return outcome.result;
  }

  state(): Promise<SoftphoneState> {
    return this.page.evaluate(() => (window as unknown as HarnessWindow).harness.state());
  }

  marks(): Promise<Marks> {
    return this.page.evaluate(() => {
      const h = (window as unknown as HarnessWindow).harness;
      return { states: h.states.length, events: h.events.length };
    });
  }

  /** Every state$ emission recorded since `after`. */
  statesSince(after: number): Promise<SoftphoneState[]> {
    return this.page.evaluate((from) => (window as unknown as HarnessWindow).harness.states.slice(from), after);
  }

  eventsSince(after: number): Promise<SoftphoneEvent[]> {
    return this.page.evaluate((from) => (window as unknown as HarnessWindow).harness.events.slice(from), after);
  }

  /**
   * Waits until a state$ emission satisfies `predicate`: any emission recorded since `after` when given (so short
   * transitions are not missed), otherwise the current state. Resolves with that state.
   */
  async waitForState<A>(
    predicate: StatePredicate<A>,
    arg: A,
    opts: { after?: number; timeout?: number } = {},
  ): Promise<SoftphoneState> {
    const handle = await this.page.waitForFunction(
      ({ source, value, after }) => {
        const test = (0, eval)(`(${source})`) as (state: SoftphoneState, arg: unknown) => boolean;
        const h = (window as unknown as HarnessWindow).harness;
        const candidates = after === null ? [h.state()] : h.states.slice(after);
        return candidates.find((state) => test(state, value)) ?? false;
      },
      { source: predicate.toString(), value: arg as unknown, after: opts.after ?? null },
      { timeout: opts.timeout ?? DEFAULT_WAIT_MS, polling: 20 },
    );
    return (await handle.jsonValue()) as SoftphoneState;
  }

  async waitForEvent(query: EventQuery, timeout = DEFAULT_WAIT_MS): Promise<SoftphoneEvent> {
    const handle = await this.page.waitForFunction(
      (q) =>
        (window as unknown as HarnessWindow).harness.events
          .slice(q.after ?? 0)
          .find(
            (e) =>
              e.name === q.name &&
              (q.source === undefined || e.source === q.source) &&
              (q.callSid === undefined || e.callSid === q.callSid),
          ) ?? false,
      query,
      { timeout, polling: 20 },
    );
    return (await handle.jsonValue()) as SoftphoneEvent;
  }

  setAutoAccept(value: boolean): Promise<void> {
    return this.page.evaluate((v) => (window as unknown as HarnessWindow).harness.setAutoAccept(v), value);
  }

  timedDial(to: string): Promise<{ callSid: string; ms: number }> {
    return this.page.evaluate((target) => (window as unknown as HarnessWindow).harness.timedDial(target), to);
  }

  allClosed(): Promise<void> {
    return this.page.evaluate(() => (window as unknown as HarnessWindow).harness.allClosed());
  }

  packetsReceived(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as HarnessWindow).harness.packetsReceived());
  }

  queuedDtmf(): Promise<string> {
    return this.page.evaluate(() => (window as unknown as HarnessWindow).harness.queuedDtmf());
  }

  resources(): Promise<ResourceCount> {
    return this.page.evaluate(() => (window as unknown as HarnessWindow).harness.resources());
  }

  destroy(): Promise<void> {
    return this.page.evaluate(() => (window as unknown as HarnessWindow).harness.destroy());
  }

  /** Fetches a same-origin JSON endpoint from the page (the control API lives on the page's origin). */
  fetchJson(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: unknown }> {
    return this.page.evaluate(
      async ([p, method, body]) => {
        const response = await fetch(p, {
          method,
          ...(body !== undefined && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
        });
        return { status: response.status, body: (await response.json()) as unknown };
      },
      [path, init.method ?? 'GET', init.body] as const,
    );
  }

  /** Polls inbound-rtp packetsReceived until audio arrives (media follows `open` once ICE and DTLS connect). */
  async firstPackets(timeoutMs = 5000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const packets = await this.packetsReceived();
      if (packets > 0 || Date.now() > deadline) return packets;
      await this.page.waitForTimeout(50);
    }
  }
}
