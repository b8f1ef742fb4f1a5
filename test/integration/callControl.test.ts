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
const ABSENT_DB = -85;

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
