/**
 * Device.runPreflight of the real @twilio/voice-sdk in headless Chromium against the local gateway: the call without
 * `To` is answered by an echo that hangs up by itself (like Twilio's preflight echo), so the test completes with a
 * call sid, RTC samples and a MOS, and nothing leaves loopback.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/index';
import { createNumberPlan } from '../../server/numbers/index';
import { bundlePreflightHarness } from './support/harnessPages';
import { launchChromium } from '../support/chromium';
import type { PreflightHarness, PreflightOutcome } from './support/preflightHarness';

jest.setTimeout(120_000);

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Chromium resolves every `*.localhost` name to loopback itself (the SDK's insights home is eventgw.localhost). */
const isLoopback = (hostname: string): boolean => LOOPBACK_HOSTS.has(hostname) || hostname.endsWith('.localhost');
/** Long enough for several one-second samples with a MOS, short enough for the suite. */
const PREFLIGHT_ECHO_MS = 5_000;

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  const staticDir = await bundlePreflightHarness();
  server = await startServer({
    port: 0,
    quiet: true,
    staticDir,
    env: {},
    numberPlan: createNumberPlan({ preflightEchoMs: PREFLIGHT_ECHO_MS }),
  });
  browser = await launchChromium({ autoAcceptMicrophone: true });
  context = await browser.newContext({ ignoreHTTPSErrors: true, permissions: ['microphone'] });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

/** Every URL the page requests or opens a WebSocket to. */
function recordUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  page.on('websocket', (socket) => urls.push(socket.url()));
  return urls;
}

it('runPreflight completes with a call sid, samples and a MOS, all on loopback', async () => {
  const page = await context.newPage();
  const urls = recordUrls(page);
  await page.goto(`https://localhost:${server.port}/`);
  await page.waitForFunction(() => 'harness' in window);

  const outcome: PreflightOutcome = await page.evaluate(() =>
    (window as unknown as { harness: PreflightHarness }).harness.runPreflight(),
  );

  expect(outcome.error).toBeUndefined();
  expect(outcome.events[0]).toBe('connected');
  expect(outcome.events[outcome.events.length - 1]).toBe('completed');
  expect(outcome.report?.callSid).toMatch(/^CA[0-9a-f]{32}$/);
  expect(outcome.report?.samples.length).toBeGreaterThan(0);
  expect(outcome.report?.stats?.mos?.average).toEqual(expect.any(Number));
  expect(outcome.report?.stats?.mos?.average).toBeGreaterThan(1);

  expect(urls.length).toBeGreaterThan(0);
  const offLoopback = urls.filter((url) => !isLoopback(new URL(url).hostname));
  expect(offLoopback).toEqual([]);
  await page.close();
});
