/**
 * Call control of a call to a number with the real @twilio/voice-sdk in Chromium against the local gateway (issue
 * #12, "for client and PSTN-style legs alike"): alice calls the echo number, whose audio coming back tells whether her
 * microphone reaches it. Hold: the echo stops returning her voice (it hears hold music, not her); resume: it returns.
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/index';
import { launchChromium } from '../support/chromium';
import { bundlePage, freshDir } from '../support/pageBundle';
import type { CallControlHarness } from './support/callControlHarness';

jest.setTimeout(180_000);

const ALICE = 1150;
const ECHO = '+14155550100';
/** A pitch is heard when its bin stands this far (dB) above the floor of a silent line (as callControl.test.ts). */
const HEARD_DB = -60;
const ABSENT_DB = -75;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

type Win = { cc: CallControlHarness };
type Levels = { alice: number; rms: number };

const levels = (): Promise<Levels> =>
  page.evaluate((f) => (window as unknown as Win).cc.levels({ alice: f }), ALICE) as Promise<Levels>;

async function until(ok: (l: Levels) => boolean, what: string, timeoutMs = 20_000): Promise<Levels> {
  const deadline = Date.now() + timeoutMs;
  let last: Levels = { alice: -200, rms: 0 };
  while (Date.now() < deadline) {
    last = await levels();
    if (ok(last)) return last;
  }
  throw new Error(`not in time: ${what}; last levels ${JSON.stringify(last)}`);
}

const control = (action: string, body: unknown) =>
  page.evaluate(([a, b]) => (window as unknown as Win).cc.control(a as string, b), [action, body] as const);

/** Who hears whom on the call, from the local control API. */
const hearing = (callSid: string) =>
  page.evaluate(async (sid) => {
    const res = await fetch(`/control/calls/${sid}/legs`);
    const body = (await res.json()) as { legs: Array<{ party: string; hears: string[] }> };
    return body.legs.map((l) => [l.party, l.hears]);
  }, callSid);

beforeAll(async () => {
  const staticDir = freshDir('call-control-numbers-harness');
  await bundlePage(staticDir, {
    entry: path.join(__dirname, 'support/callControlHarness.ts'),
    script: 'call-control-harness.js',
    page: 'index.html',
    title: 'call control numbers',
  });
  server = await startServer({ port: 0, quiet: true, staticDir, env: {} });
  browser = await launchChromium({ autoAcceptMicrophone: true });
  context = await browser.newContext({ ignoreHTTPSErrors: true, permissions: ['microphone'] });
  page = await context.newPage();
  await page.goto(`https://localhost:${server.port}/`);
  await page.waitForFunction(() => 'cc' in window);
  await page.evaluate((p) => (window as unknown as Win).cc.start('alice', p), ALICE);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

test('alice calls the echo number and holds: the echo stops returning her voice; resume: the echo returns', async () => {
  const sid = await page.evaluate((to) => (window as unknown as Win).cc.dial(to), ECHO);
  await until((l) => l.alice > HEARD_DB, 'the echo returns alice');
  expect(await control('hold', { callSid: sid, held: true })).toEqual({ status: 200, body: { held: true } });
  await until((l) => l.alice < ABSENT_DB, 'no echo of alice while held');
  // Her microphone goes nowhere: the echo hears hold music only, and alice hears nobody.
  expect(await hearing(sid)).toEqual([
    ['client:alice', []],
    [ECHO, ['hold-music']],
  ]);
  expect(await control('hold', { callSid: sid, held: false })).toEqual({ status: 200, body: { held: false } });
  await until((l) => l.alice > HEARD_DB, 'the echo returns alice again');
  expect(await page.evaluate(() => (window as unknown as Win).cc.status())).toBe('open');
  await page.evaluate(() => (window as unknown as Win).cc.hangup());
});
