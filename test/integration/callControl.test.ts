/**
 * Call control with the real @twilio/voice-sdk in Chromium against the local gateway (issue #12 acceptance): one page
 * per phone, each microphone a sine of its own pitch, so what a phone receives (AnalyserNode on the call's remote
 * stream) tells whom it hears. The flows are driven through POST /call-control/<action> with each Device's token.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/index';
import { launchChromium } from '../support/chromium';
import { bundlePage, freshDir } from '../support/pageBundle';
import type { CallControlHarness } from './support/callControlHarness';

jest.setTimeout(240_000);

const PITCH = { alice: 1150, bob: 1450, carol: 1750 } as const;
type Name = keyof typeof PITCH;
/** A pitch is heard when its bin stands this far (dB) above the floor of a silent line. */
const HEARD_DB = -60;
const ABSENT_DB = -75;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
const pages: Page[] = [];

type Win = { cc: CallControlHarness };
type Levels = Record<Name | 'rms', number>;

async function phone(name: Name): Promise<Page> {
  const page = await context.newPage();
  pages.push(page);
  await page.goto(`https://localhost:${server.port}/`);
  await page.waitForFunction(() => 'cc' in window);
  await page.evaluate(([n, p]) => (window as unknown as Win).cc.start(n, p), [name, PITCH[name]] as const);
  return page;
}

const cc = <T>(page: Page, fn: string, ...args: unknown[]): Promise<T> =>
  page.evaluate(
    ([f, a]) =>
      ((window as unknown as Win).cc as never as Record<string, (...x: unknown[]) => T>)[f as string]!(
        ...(a as unknown[]),
      ),
    [fn, args] as const,
  ) as Promise<T>;

const levels = (page: Page): Promise<Levels> => cc<Levels>(page, 'levels', PITCH);

/** Polls a page's received audio until `ok` holds. */
async function until(page: Page, ok: (l: Levels) => boolean, what: string, timeoutMs = 20_000): Promise<Levels> {
  const deadline = Date.now() + timeoutMs;
  let last: Levels = { alice: -200, bob: -200, carol: -200, rms: 0 };
  while (Date.now() < deadline) {
    last = await levels(page);
    if (ok(last)) return last;
  }
  throw new Error(`not in time: ${what}; last levels ${JSON.stringify(last)}`);
}

async function waitPending(page: Page, param?: string): Promise<void> {
  await page.waitForFunction((p) => (window as unknown as Win).cc.pending().some((c) => !p || p in c), param ?? null, {
    timeout: 20_000,
    polling: 50,
  });
}

const control = (page: Page, action: string, body: unknown) =>
  cc<{ status: number; body: Record<string, unknown> }>(page, 'control', action, body);

/** alice dials bob, bob accepts; both hear each other. */
async function aliceCallsBob(alice: Page, bob: Page): Promise<string> {
  const dialled = cc<string>(alice, 'dial', 'client:bob');
  await waitPending(bob);
  await cc(bob, 'accept');
  const sid = await dialled;
  await until(bob, (l) => l.alice > HEARD_DB, 'bob hears alice');
  await until(alice, (l) => l.bob > HEARD_DB, 'alice hears bob');
  return sid;
}

beforeAll(async () => {
  const staticDir = freshDir('call-control-harness');
  await bundlePage(staticDir, {
    entry: path.join(__dirname, 'support/callControlHarness.ts'),
    script: 'call-control-harness.js',
    page: 'index.html',
    title: 'call control',
  });
  server = await startServer({ port: 0, quiet: true, staticDir, env: {} });
  browser = await launchChromium({ autoAcceptMicrophone: true });
  context = await browser.newContext({ ignoreHTTPSErrors: true, permissions: ['microphone'] });
});

afterEach(async () => {
  await Promise.all(pages.splice(0).map((p) => p.close()));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

test('hold: bob hears hold music and not alice; resume: both hear each other again', async () => {
  const [alice, bob] = [await phone('alice'), await phone('bob')];
  const sid = await aliceCallsBob(alice, bob);
  expect((await control(alice, 'hold', { callSid: sid, held: true })).body).toEqual({ held: true });
  await until(bob, (l) => l.rms > 0.005 && l.alice < ABSENT_DB, 'bob: hold music, no alice');
  await until(alice, (l) => l.bob < ABSENT_DB, 'alice hears no bob');
  expect((await control(alice, 'hold', { callSid: sid, held: false })).body).toEqual({ held: false });
  await until(bob, (l) => l.alice > HEARD_DB, 'bob hears alice again');
  await until(alice, (l) => l.bob > HEARD_DB, 'alice hears bob again');
});

test('call waiting: carol calls alice during bob; accept → bob held on music, carol live; switch back to bob', async () => {
  const [alice, bob, carol] = [await phone('alice'), await phone('bob'), await phone('carol')];
  const bobLine = await aliceCallsBob(alice, bob);
  const carolDials = cc<string>(carol, 'dial', 'client:alice');
  await waitPending(alice);
  // Accept: the live line is held first, then the SDK takes the new call (and drops the old leg: the line parks).
  await control(alice, 'hold', { callSid: bobLine, held: true });
  const carolLine = await cc<string>(alice, 'accept');
  await carolDials;
  await until(alice, (l) => l.carol > HEARD_DB && l.bob < ABSENT_DB, 'alice talks to carol only');
  await until(carol, (l) => l.alice > HEARD_DB, 'carol hears alice');
  await until(bob, (l) => l.rms > 0.005 && l.alice < ABSENT_DB && l.carol < ABSENT_DB, 'bob parked on hold music');
  expect(await cc(bob, 'status')).toBe('open');

  // switchCall(bob): hold carol, retrieve bob; the server calls alice back with SwitchboardLine.
  await control(alice, 'hold', { callSid: carolLine, held: true });
  const retrieved = await control(alice, 'retrieve', { callSid: bobLine });
  expect(retrieved.status).toBe(200);
  await waitPending(alice, 'SwitchboardLine');
  expect((await cc<Array<Record<string, string>>>(alice, 'pending'))[0]).toMatchObject({ SwitchboardLine: bobLine });
  expect(await cc<string>(alice, 'accept', 'SwitchboardLine')).toBe(retrieved.body['legCallSid']);
  await until(alice, (l) => l.bob > HEARD_DB && l.carol < ABSENT_DB, 'alice talks to bob again');
  await until(bob, (l) => l.alice > HEARD_DB, 'bob hears alice again');
  await until(carol, (l) => l.rms > 0.005 && l.alice < ABSENT_DB, 'carol parked on hold music');
});

test('blind transfer alice → carol of bob’s call: bob and carol hear each other, alice’s call is closed', async () => {
  const [alice, bob, carol] = [await phone('alice'), await phone('bob'), await phone('carol')];
  const sid = await aliceCallsBob(alice, bob);
  expect(await control(alice, 'transfer', { callSid: sid, to: 'client:carol', mode: 'blind' })).toEqual({
    status: 200,
    body: {},
  });
  await alice.waitForFunction(() => (window as unknown as Win).cc.status() === 'closed', null, { timeout: 20_000 });
  await waitPending(carol);
  await cc(carol, 'accept');
  await until(carol, (l) => l.bob > HEARD_DB && l.alice < ABSENT_DB, 'carol hears bob');
  await until(bob, (l) => l.carol > HEARD_DB && l.alice < ABSENT_DB, 'bob hears carol');
});

test('warm transfer: alice consults carol while bob is held, then completes: bob and carol talk', async () => {
  const [alice, bob, carol] = [await phone('alice'), await phone('bob'), await phone('carol')];
  const sid = await aliceCallsBob(alice, bob);
  const warm = await control(alice, 'transfer', { callSid: sid, to: 'client:carol', mode: 'warm' });
  expect(warm.status).toBe(200);
  await waitPending(alice, 'SwitchboardConsultFor');
  expect((await cc<Array<Record<string, string>>>(alice, 'pending'))[0]).toMatchObject({
    SwitchboardConsultFor: sid,
    SwitchboardConsultTo: 'client:carol',
  });
  expect(await cc<string>(alice, 'accept', 'SwitchboardConsultFor')).toBe(warm.body['consultCallSid']);
  await until(bob, (l) => l.rms > 0.005 && l.alice < ABSENT_DB, 'bob on hold music');
  await waitPending(carol);
  await cc(carol, 'accept');
  await until(alice, (l) => l.carol > HEARD_DB && l.bob < ABSENT_DB, 'alice consults carol');
  await until(carol, (l) => l.alice > HEARD_DB && l.bob < ABSENT_DB, 'carol hears alice, not bob');
  const done = await control(alice, 'completeTransfer', { callSid: warm.body['consultCallSid'] });
  expect(done).toEqual({ status: 200, body: {} });
  await alice.waitForFunction(() => (window as unknown as Win).cc.status() === 'closed', null, { timeout: 20_000 });
  await until(carol, (l) => l.bob > HEARD_DB && l.alice < ABSENT_DB, 'carol hears bob');
  await until(bob, (l) => l.carol > HEARD_DB && l.alice < ABSENT_DB, 'bob hears carol');
});

test('merge: alice, bob and carol in one three-way call, each hears the other two', async () => {
  const [alice, bob, carol] = [await phone('alice'), await phone('bob'), await phone('carol')];
  const bobLine = await aliceCallsBob(alice, bob);
  const carolDials = cc<string>(carol, 'dial', 'client:alice');
  await waitPending(alice);
  await control(alice, 'hold', { callSid: bobLine, held: true });
  const carolLine = await cc<string>(alice, 'accept');
  await carolDials;
  await until(alice, (l) => l.carol > HEARD_DB, 'alice talks to carol');
  const merged = await control(alice, 'merge', { heldCallSid: bobLine, activeCallSid: carolLine });
  expect(merged.status).toBe(200);
  expect(merged.body['conferenceSid']).toMatch(/^CF[0-9a-f]{32}$/);
  await until(alice, (l) => l.bob > HEARD_DB && l.carol > HEARD_DB, 'alice hears bob and carol');
  await until(bob, (l) => l.alice > HEARD_DB && l.carol > HEARD_DB, 'bob hears alice and carol');
  await until(carol, (l) => l.alice > HEARD_DB && l.bob > HEARD_DB, 'carol hears alice and bob');
});
