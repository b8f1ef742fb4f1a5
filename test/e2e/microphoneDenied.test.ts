/**
 * A person who refuses the microphone: Chromium launched without `--use-fake-ui-for-media-stream` and a context that
 * grants no permission, so getUserMedia rejects with NotAllowedError (headless Chromium has nobody to ask). The phone
 * must explain what happened, offer the next step, and refuse to dial with a reason instead of failing silently.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { screenshot } from './support/artifacts';
import { axeViolations } from './support/axe';
import { launchChromium } from '../support/chromium';
import { watchPage, type PageWatch } from './support/browser';
import { Phone } from './support/phone';
import { startStack, type Stack } from './support/stack';

jest.setTimeout(45_000);

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let watch: PageWatch;
let carol: Phone;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium({ autoAcceptMicrophone: false })]);
  context = await browser.newContext({
    ignoreHTTPSErrors: true,
    permissions: [],
    viewport: { width: 720, height: 900 },
  });
  page = await context.newPage();
  watch = watchPage(page);
  carol = new Phone(page, 'carol');
  await page.goto(`${stack.origin}/?identity=carol`);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.stop();
});

test('the browser really denies the microphone in this setup', async () => {
  const outcome = await page.evaluate(() =>
    navigator.mediaDevices.getUserMedia({ audio: true }).then(
      (stream) => {
        stream.getTracks().forEach((track) => track.stop());
        return 'granted';
      },
      (error: DOMException) => error.name,
    ),
  );
  expect(outcome).toBe('NotAllowedError');
});

test('the phone explains the refusal and offers to allow the microphone', async () => {
  const alert = carol.root.getByRole('alert').filter({ has: page.getByRole('list', { name: 'Possible solutions' }) });
  await alert.waitFor();
  const text = await alert.innerText();
  // In the catalog's words: blocked (not registered yet) or, registered, calls that would be one-way.
  expect(text).toMatch(/The microphone is blocked\.|Calls will be one-way: allow the microphone\./);
  expect(text).toMatch(/address bar/);
  await expect(
    alert.getByRole('list', { name: 'Possible solutions' }).getByRole('listitem').count(),
  ).resolves.toBeGreaterThan(0);
  await expect(alert.getByRole('button', { name: 'Allow microphone' }).isEnabled()).resolves.toBe(true);
  await expect(carol.root.getByText('Microphone: blocked').isVisible()).resolves.toBe(true);
  await screenshot(page, 'microphone-denied');
});

test('dialing is disabled with the reason, even with a valid number typed', async () => {
  await carol.numberInput.fill('client:alice');
  await expect(carol.callButton.isDisabled()).resolves.toBe(true);
  await expect(carol.description(carol.callButton)).resolves.toBe(
    'Microphone access is blocked. Allow the microphone to place calls.',
  );
  await carol.callButton.click({ force: true });
  await expect(carol.root.getByRole('region', { name: /^Call to / }).count()).resolves.toBe(0);
});

test('asking again while the browser still refuses keeps the explanation up', async () => {
  // The call log (a sibling app on the same page) writes one line per error the phone reports.
  const errorLines = page
    .getByRole('list', { name: 'Event log' })
    .locator('li[data-instance="carol"]')
    .filter({ hasText: /error .*denied/i });
  const before = await errorLines.count();
  expect(before).toBeGreaterThan(0);
  await carol.root.getByRole('button', { name: 'Allow microphone' }).click();
  await errorLines.nth(before).waitFor();

  await carol.root
    .getByRole('alert')
    .filter({ hasText: /The microphone is blocked\.|Calls will be one-way/ })
    .waitFor();
  await expect(carol.root.getByRole('button', { name: 'Allow microphone' }).isEnabled()).resolves.toBe(true);
  await expect(carol.callButton.isDisabled()).resolves.toBe(true);
});

test('the error screen has no axe violations, and nothing left loopback', async () => {
  expect(await axeViolations(page, ['#softphone-carol'])).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
  expect(watch.takeErrors()).toEqual([]);
});
