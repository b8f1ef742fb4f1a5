/**
 * The real @twilio/voice-sdk in headless Chromium against the local gateway: two pages (alice, bob), real WebRTC on
 * loopback, no Twilio account and no request leaving the machine.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import twilio from 'twilio';
import { startServer, type RunningServer } from '../../server/index';
import { bundleSdkHarness } from './support/harnessPages';
import { launchChromium } from '../support/chromium';
import type { Harness } from './support/sdkHarness';

type HarnessWindow = { harness: Harness };

jest.setTimeout(60_000);

type LoggedEvent = Harness['events'][number];

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let alice: Page;
let bob: Page;
const requestHosts = new Set<string>();

async function openPage(identity: string, token?: string): Promise<Page> {
  const page = await context.newPage();
  page.on('request', (request) => requestHosts.add(new URL(request.url()).hostname));
  await page.goto(`${server.origin}/`);
  await page.waitForFunction(() => 'harness' in window);
  await page.evaluate(([id, jwt]) => (window as unknown as HarnessWindow).harness.start(id, jwt ?? undefined), [
    identity,
    token ?? null,
  ] as const);
  return page;
}

/** Calls `window.harness[method](...args)` in the page. */
function call<T>(page: Page, method: keyof Harness, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([m, a]) => {
      const fn = (window as unknown as HarnessWindow).harness[m] as unknown as (...xs: unknown[]) => unknown;
      return fn(...a);
    },
    [method, args] as const,
  ) as Promise<T>;
}

function eventsOf(page: Page): Promise<LoggedEvent[]> {
  return page.evaluate(() => (window as unknown as HarnessWindow).harness.events);
}

/** Waits until `page` has logged an event matching name (and optional code), counting from `after`. */
async function waitForEvent(
  page: Page,
  name: string,
  opts: { after?: number; code?: number; timeout?: number } = {},
): Promise<LoggedEvent> {
  const handle = await page.waitForFunction(
    ([n, after, code]) => {
      const list = (window as unknown as HarnessWindow).harness.events;
      return list.slice(after as number).find((e) => e.name === n && (code === null || e.code === code)) ?? false;
    },
    [name, opts.after ?? 0, opts.code ?? null] as const,
    { timeout: opts.timeout ?? 10_000, polling: 20 },
  );
  return (await handle.jsonValue()) as LoggedEvent;
}

/** Polls inbound-rtp packetsReceived until audio arrives (at most 5 s). */
async function firstPackets(page: Page): Promise<number> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const packets = await call<number>(page, 'packetsReceived');
    if (packets > 0 || Date.now() > deadline) return packets;
    await page.waitForTimeout(50);
  }
}

const mark = async (page: Page): Promise<number> => (await eventsOf(page)).length;

beforeAll(async () => {
  const staticDir = await bundleSdkHarness();
  server = await startServer({ port: 0, quiet: true, staticDir, env: {}, reconnectGraceMs: 15_000 });
  browser = await launchChromium({ autoAcceptMicrophone: true });
  context = await browser.newContext({ ignoreHTTPSErrors: true, permissions: ['microphone'] });
  [alice, bob] = await Promise.all([openPage('alice'), openPage('bob')]);
});

afterEach(async () => {
  // A failed test must not leave a call up for the next one.
  await Promise.all(
    [alice, bob].map((page) =>
      page?.evaluate(() => (window as unknown as HarnessWindow).harness.reset()).catch(() => undefined),
    ),
  );
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

test('both Devices register with the local gateway', async () => {
  await waitForEvent(alice, 'registered');
  await waitForEvent(bob, 'registered');
  const { registrations } = (await await fetchJson('/control/registrations')) as {
    registrations: Array<{ identity: string; registered: boolean }>;
  };
  expect(
    registrations
      .filter((r) => r.registered)
      .map((r) => r.identity)
      .sort(),
  ).toEqual(['alice', 'bob']);
});

test('alice calls bob, bob accepts: both open, audio flows both ways, digits, messages with the server application, hangup', async () => {
  const bobMark = await mark(bob);
  const dialled = call<number>(alice, 'dial', 'client:bob', { topic: 'support' });
  const incoming = await waitForEvent(bob, 'incoming', { after: bobMark });
  expect(incoming.data).toBe('support');
  await call(bob, 'accept');
  await dialled;
  await waitForEvent(bob, 'accept', { after: bobMark });
  expect(await call(alice, 'status')).toBe('open');
  expect(await call(bob, 'status')).toBe('open');

  // `open` is signaling; media follows once ICE and DTLS connect. Then the counters must keep growing.
  const before = { alice: await firstPackets(alice), bob: await firstPackets(bob) };
  await alice.waitForTimeout(1000);
  const after = {
    alice: await call<number>(alice, 'packetsReceived'),
    bob: await call<number>(bob, 'packetsReceived'),
  };
  expect(after.alice).toBeGreaterThan(before.alice + 10);
  expect(after.bob).toBeGreaterThan(before.bob + 10);

  const aliceMark = await mark(alice);
  await call(alice, 'sendDigits', '123#');
  // Chromium sends digits in-band through RTCDTMFSender: they are queued on the audio sender's tone buffer.
  const queued = await call<string>(alice, 'dtmfToneBuffer');
  expect(queued.length).toBeGreaterThan(0);
  expect('123#'.endsWith(queued)).toBe(true);
  // Call messages: SDK → server application (the control API reads them) and back; never Device to Device.
  await call(alice, 'sendMessage', { hello: 'server' });
  await waitForEvent(alice, 'messageSent', { after: aliceMark });
  const callSid = await call<string>(alice, 'callSid');
  const inbox = (await fetchJson(`/control/calls/${callSid}/messages`)) as { messages: Array<{ content: unknown }> };
  expect(inbox.messages.map((m) => m.content)).toEqual([{ hello: 'server' }]);
  expect((await eventsOf(bob)).slice(bobMark).filter((e) => e.name === 'messageReceived')).toEqual([]);
  await fetchJson(`/control/calls/${callSid}/messages`, 'POST', { content: { hello: 'alice' } });
  const toAlice = await waitForEvent(alice, 'messageReceived', { after: aliceMark });
  expect(toAlice.data).toEqual({ hello: 'alice' });
  expect((await eventsOf(alice)).slice(aliceMark).filter((e) => e.name === 'error')).toEqual([]);

  await call(bob, 'hangup');
  await waitForEvent(alice, 'disconnect', { after: aliceMark });
});

test("bob rejects: alice's call ends busy (31486)", async () => {
  const [aliceMark, bobMark] = [await mark(alice), await mark(bob)];
  await call(alice, 'dialAsync', 'client:bob');
  await waitForEvent(bob, 'incoming', { after: bobMark });
  await call(bob, 'reject');
  await waitForEvent(alice, 'error', { after: aliceMark, code: 31486 });
  await waitForEvent(alice, 'disconnect', { after: aliceMark });
});

test("alice hangs up before bob answers: bob's call is cancelled", async () => {
  const bobMark = await mark(bob);
  await call(alice, 'dialAsync', 'client:bob');
  await waitForEvent(bob, 'incoming', { after: bobMark });
  await call(alice, 'hangup');
  await waitForEvent(bob, 'cancel', { after: bobMark });
});

test('a dropped signaling socket: the call goes reconnecting → reconnected and the Device registers again', async () => {
  const [aliceMark, bobMark] = [await mark(alice), await mark(bob)];
  const dialled = call<number>(alice, 'dial', 'bob');
  await waitForEvent(bob, 'incoming', { after: bobMark });
  await call(bob, 'accept');
  await dialled;

  const dropped = await fetchJson('/control/devices/alice/drop', 'POST');
  expect(dropped).toEqual({ identity: 'alice', sockets: 1 });
  await waitForEvent(alice, 'reconnecting', { after: aliceMark });
  await waitForEvent(alice, 'reconnected', { after: aliceMark, timeout: 15_000 });
  await waitForEvent(alice, 'registered', { after: aliceMark, timeout: 15_000 });
  expect(await call(alice, 'status')).toBe('open');

  await call(alice, 'hangup');
  await waitForEvent(bob, 'disconnect', { after: bobMark });
});

test('an access token signed with the wrong secret surfaces 20101', async () => {
  const forged = new twilio.jwt.AccessToken('AC' + '0'.repeat(32), 'SK' + '0'.repeat(32), 'not-the-server-secret', {
    identity: 'mallory',
    ttl: 600,
  });
  forged.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ incomingAllow: true }));
  const mallory = await openPage('mallory', forged.toJwt('HS256'));
  await waitForEvent(mallory, 'error', { code: 20101 });
  await call(mallory, 'destroy');
  await mallory.close();
});

test('dial → open on loopback: median over 10 calls', async () => {
  await call(bob, 'setAutoAccept', true);
  const samples: number[] = [];
  for (let i = 0; i < 10; i += 1) {
    const bobMark = await mark(bob);
    samples.push(await call<number>(alice, 'dial', 'client:bob'));
    await call(alice, 'hangup');
    await waitForEvent(bob, 'disconnect', { after: bobMark });
  }
  await call(bob, 'setAutoAccept', false);
  const sorted = [...samples].sort((a, b) => a - b);
  const median = ((sorted[4] ?? 0) + (sorted[5] ?? 0)) / 2;
  console.log(
    `dial → open median ${median.toFixed(1)} ms over ${samples.length} calls (min ${sorted[0]?.toFixed(1)}, max ${sorted[9]?.toFixed(1)})`,
  );
  expect(samples).toHaveLength(10);
});

test('no request left the machine', () => {
  expect(requestHosts.size).toBeGreaterThan(0);
  for (const host of requestHosts) expect(host === 'localhost' || host.endsWith('.localhost')).toBe(true);
});

async function fetchJson(path: string, method = 'GET', body?: unknown): Promise<unknown> {
  return alice.evaluate(
    async ([p, m, b]) =>
      (
        await fetch(p, {
          method: m,
          ...(b === null ? {} : { body: JSON.stringify(b), headers: { 'content-type': 'application/json' } }),
        })
      ).json(),
    [path, method, body ?? null] as const,
  );
}
