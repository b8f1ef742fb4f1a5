/**
 * The demo under the server's Content-Security-Policy: the page, both parcels, the lazily loaded SDK, a call with its
 * ringtone and DTMF sounds, and insights all work with no CSP violation in Chromium (issue 13).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium';
import { watchPage, type PageWatch } from './support/browser';
import { recordPlayedTones, waitForPlayedTone } from './support/dtmf';
import { Phone } from './support/phone';
import { startStack, type Stack } from './support/stack';

jest.setTimeout(60_000);

interface Violation {
  directive: string;
  blocked: string;
  source: string;
  sample: string;
}

/** Runs in the page before any of its scripts: records every CSP violation event. */
function recordViolations(): void {
  const violations: Violation[] = [];
  (window as unknown as { cspViolations: Violation[] }).cspViolations = violations;
  document.addEventListener('securitypolicyviolation', (event) => {
    violations.push({
      directive: event.violatedDirective,
      blocked: event.blockedURI,
      source: event.sourceFile,
      sample: event.sample,
    });
  });
}

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let watch: PageWatch;
const soundResponses = new Map<string, number>();

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium({ autoAcceptMicrophone: true })]);
  context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 900 } });
  await context.addInitScript(recordViolations);
  await context.addInitScript(recordPlayedTones);
  page = await context.newPage();
  watch = watchPage(page);
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    if (pathname.startsWith('/sounds/')) soundResponses.set(pathname, response.status());
  });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.stop();
});

const violations = (): Promise<Violation[]> =>
  page.evaluate(() => (window as unknown as { cspViolations: Violation[] }).cspViolations);

test('the demo page is served with a strict CSP and the security headers', async () => {
  const response = await page.goto(`${stack.origin}/`);
  const headers = response?.headers() ?? {};
  expect(headers['content-security-policy']).toMatch(/default-src 'self'.*script-src 'self'/);
  expect(headers['content-security-policy']).not.toMatch(/unsafe-eval/);
  expect(headers['strict-transport-security']).toMatch(/^max-age=/);
  expect(headers['x-content-type-options']).toBe('nosniff');
});

test('both phones register, call each other with sounds and DTMF, with no CSP violation', async () => {
  const alice = new Phone(page, 'alice');
  const bob = new Phone(page, 'bob');
  await Promise.all([alice.waitForRegistrationState('registered'), bob.waitForRegistrationState('registered')]);
  await alice.dial('client:bob');
  await bob.incomingCall.waitFor();
  await bob.incomingCall.getByRole('button', { name: 'Accept' }).click();
  const call = alice.call('Call to bob');
  await alice.waitForCallStatus(call, 'open');
  await call.getByRole('button', { name: 'Keypad' }).click();
  await call.getByRole('group', { name: 'Call keypad' }).getByRole('button', { name: 'Send tone 1' }).click();
  expect(await waitForPlayedTone(page, '1')).toEqual(['1']);
  await call.getByRole('button', { name: 'Hang up' }).click();
  await alice.waitForCallEnded(call);

  // The SDK loaded its sounds (by XHR, under connect-src/media-src) from this origin.
  for (const sound of ['/sounds/incoming.wav', '/sounds/outgoing.wav', '/sounds/dtmf1.wav'])
    expect([sound, soundResponses.get(sound)]).toEqual([sound, 200]);
  expect(await violations()).toEqual([]);
  expect(watch.takeErrors().filter((line) => /Content Security Policy|Refused to/i.test(line))).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});
