/**
 * Media anchored on the server (design §4): the real @twilio/voice-sdk in headless Chromium, several Devices in one
 * page, every call leg ending on a werift server peer. Audio on every call, whatever host name the page uses;
 * ringback as early media before a slow number answers.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/index';
import { openServerPeers } from '../../server/media/serverPeer';
import { traceNote } from '../../server/media/mediaTrace';
import { bundleMediaHarness } from './support/harnessPages';
import { launchChromium } from '../support/chromium';
import type { MediaEvent, MediaHarness } from './support/mediaHarness';

type HarnessWindow = { harness: MediaHarness };

jest.setTimeout(240_000);

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;

async function openPhones(host: string, identities: string[], codecs?: string[]): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`https://${host}:${server.port}/`);
  await page.waitForFunction(() => 'harness' in window);
  for (const identity of identities)
    await page.evaluate(([id, c]) => (window as unknown as HarnessWindow).harness.start(id, c ?? undefined), [
      identity,
      codecs ?? null,
    ] as const);
  return page;
}

function run<T>(page: Page, fn: (h: MediaHarness, arg: never) => T | Promise<T>, arg?: unknown): Promise<T> {
  return page.evaluate(
    ([source, a]) => {
      const f = (0, eval)(`(${source})`) as (h: MediaHarness, arg: unknown) => T;
      return f((window as unknown as HarnessWindow).harness, a);
    },
    [fn.toString(), arg ?? null] as const,
  ) as Promise<T>;
}

async function waitForEvent(
  page: Page,
  identity: string,
  name: string,
  after = 0,
  timeout = 30_000,
): Promise<MediaEvent> {
  const handle = await page.waitForFunction(
    ([id, n, from]) =>
      (window as unknown as HarnessWindow).harness.events
        .slice(from as number)
        .find((e) => e.identity === id && e.name === n) ?? false,
    [identity, name, after] as const,
    { timeout, polling: 50 },
  );
  return (await handle.jsonValue()) as MediaEvent;
}

async function waitFor(page: Page, condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await page.waitForTimeout(50);
  }
}

beforeAll(async () => {
  const staticDir = await bundleMediaHarness();
  server = await startServer({ port: 0, quiet: true, staticDir, env: {}, reconnectGraceMs: 15_000 });
  browser = await launchChromium({ autoAcceptMicrophone: true });
  // bypassCSP: the test's own eval-based helpers (run) execute in the page; the page itself is untouched.
  context = await browser.newContext({ ignoreHTTPSErrors: true, permissions: ['microphone'], bypassCSP: true });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

test.each(['localhost', '127.0.0.1'])(
  '30 consecutive client-to-client calls on one page at https://%s carry audio both ways within 1 s of open',
  async (host) => {
    const [caller, callee] = [`caller-${host}`, `callee-${host}`];
    const page = await openPhones(host, [caller, callee]);
    await run(page, (h, id: string) => h.setAutoAccept(id), callee);
    const results: Array<{ openMs: number; bothWaysMs: number | null }> = [];
    for (let i = 0; i < 30; i++) {
      traceNote({ call: i, host, phase: 'dial' });
      results.push(await run(page, (h, [a, b]: [string, string]) => h.callOnce(a, b), [caller, callee]));
      traceNote({ call: i, host, phase: 'done', ...results[i] });
    }
    const silent = results.filter((r) => r.bothWaysMs === null || r.bothWaysMs > 1000);
    expect(silent).toEqual([]);
    expect(results).toHaveLength(30);
    await page.close();
  },
);

test('early media: the slow-answer number rings with hasEarlyMedia and ringback arrives before accept', async () => {
  const page = await openPhones('localhost', ['early'], ['pcmu', 'opus']);
  const [mark, pcIndex] = [(await run(page, (h) => h.events.length)) as number, await run(page, (h) => h.mark())];
  await run(page, (h) => h.dial('early', '+14155550105'));
  const ringing = await waitForEvent(page, 'early', 'ringing', mark);
  expect(ringing.data).toEqual({ hasEarlyMedia: true });
  await waitFor(page, async () => (await run(page, (h, i: number) => h.inbound(i), pcIndex)).energy > 0, 10_000);
  // The energy arrived while the call was still ringing.
  expect(await run(page, (h) => h.status('early'))).toBe('ringing');
  await waitForEvent(page, 'early', 'accept', mark);
  await run(page, (h) => h.hangup('early'));
  await page.close();
});

test("ICE restart: the caller's server leg cut off the network, the SDK goes reconnecting then reconnected and audio flows both ways again", async () => {
  const [caller, callee] = ['ice-caller', 'ice-callee'];
  const page = await openPhones('localhost', [caller, callee]);
  await run(page, (h, id: string) => h.setAutoAccept(id), callee);
  const [mark, pcIndex] = [(await run(page, (h) => h.events.length)) as number, await run(page, (h) => h.mark())];
  const peersBefore = new Set(openServerPeers());
  await run(page, (h, [a, b]: [string, string]) => h.holdCall(a, b), [caller, callee]);
  // The caller's leg is the server peer that answered the caller's offer.
  const callerLeg = openServerPeers().find((p) => !peersBefore.has(p) && p.role === 'answerer');
  if (!callerLeg) throw new Error('no server leg for the caller');
  const restore = callerLeg.cutOffNetwork();
  const reconnecting = await waitForEvent(page, caller, 'reconnecting', mark, 60_000);
  restore();
  const reconnected = await waitForEvent(page, caller, 'reconnected', mark, 60_000);
  expect(reconnected.at).toBeGreaterThanOrEqual(reconnecting.at);
  const [callerPc, calleePc] = [pcIndex, pcIndex + 1];
  const before = await Promise.all([callerPc, calleePc].map((i) => run(page, (h, n: number) => h.inbound(n), i)));
  // Half a second of 20 ms packets with sound, each way, after `reconnected`.
  await waitFor(
    page,
    async () => {
      const now = await Promise.all([callerPc, calleePc].map((i) => run(page, (h, n: number) => h.inbound(n), i)));
      return now.every((n, i) => n.packets - before[i].packets >= 25 && n.energy > before[i].energy);
    },
    10_000,
  );
  expect(await run(page, (h) => h.status('ice-caller'))).toBe('open');
  await run(page, (h) => h.hangup('ice-caller'));
  await page.close();
});
