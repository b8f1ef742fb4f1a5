/**
 * Issue #17 in the browser, on the demo as `npm start` serves it: nothing clipped and no horizontal scroll at 360 px,
 * axe-core (contrast included) on the screens in both themes and both widths, Spanish with `?locale=es`, no focus
 * theft by a ringing call, and a speaker test that plays the deployment's own sound.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { en } from '../../src/ui/i18n/en';
import { launchChromium } from '../support/chromium';
import { screenshot } from './support/artifacts';
import { axeViolations } from './support/axe';
import { watchPage, type PageWatch } from './support/browser';
import { Phone } from './support/phone';
import { startStack, type Stack } from './support/stack';

jest.setTimeout(60_000);

let stack: Stack;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium({ autoAcceptMicrophone: true })]);
});
afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await stack?.stop();
});

async function open(query: string, width: number): Promise<{ page: Page; watch: PageWatch }> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  const watch = watchPage(page);
  await page.goto(`${stack.origin}/${query}`);
  return { page, watch };
}

/** Elements of the page that stick out of the viewport on the right, and the page's own overflow. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const clipped = Array.from(document.querySelectorAll('button, input, select, [role="meter"], h2, h3'))
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && (box.right > width + 0.5 || box.left < -0.5);
      })
      .map((el) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}"`);
    return { scrollWidth: document.documentElement.scrollWidth, width, clipped };
  });
}

describe.each([
  ['light', ''],
  ['dark', '&theme=dark'],
])('%s theme', (_theme, themeQuery) => {
  test.each([360, 1000])('at %i px nothing is clipped, nothing scrolls sideways, axe finds nothing', async (width) => {
    const { page, watch } = await open(`?identity=dana${themeQuery}`, width);
    const dana = new Phone(page, 'dana');
    await dana.waitForRegistrationState('registered');
    await page.getByRole('region', { name: 'Contacts' }).waitFor();
    const measured = await overflow(page);
    expect(measured.clipped).toEqual([]);
    expect(measured.scrollWidth).toBeLessThanOrEqual(measured.width);
    expect(await axeViolations(page, ['#softphone-dana', '.siblings'])).toEqual([]);

    // The in-call screen: the echo number answers by itself.
    await dana.dial('+14155550100');
    const call = dana.call('Call to +14155550100');
    await dana.waitForCallStatus(call, 'open');
    expect(await dana.root.getByRole('group', { name: 'Dial pad' }).count()).toBe(0);
    await call.getByRole('button', { name: 'Keypad' }).click();
    await call.getByRole('group', { name: 'Call keypad' }).waitFor();
    expect((await overflow(page)).clipped).toEqual([]);
    expect(await axeViolations(page, ['#softphone-dana'])).toEqual([]);
    await call.getByRole('button', { name: 'Close keypad' }).click();
    await call.getByRole('button', { name: 'Transfer', exact: true }).click();
    await call.getByRole('textbox', { name: 'Transfer to' }).waitFor();
    expect((await overflow(page)).clipped).toEqual([]);
    expect(await axeViolations(page, ['#softphone-dana'])).toEqual([]);
    await screenshot(page, `redesign-in-call-${width}${themeQuery ? '-dark' : ''}`);
    await call.getByRole('button', { name: 'Hang up' }).click();
    await dana.root.getByRole('region', { name: /^Call with .* ended$/ }).waitFor();
    expect(await axeViolations(page, ['#softphone-dana'])).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });
});

test('?locale=es shows the phone in Spanish', async () => {
  const { page } = await open('?identity=eva&locale=es', 1000);
  const eva = page.locator('#softphone-eva');
  await eva.getByRole('status', { name: 'Estado del registro' }).filter({ hasText: 'Listo' }).waitFor();
  await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('es');
  const text = await eva.innerText();
  for (const english of [en['dial.call'], en['recent.title'], en['settings.toggle'], en['dial.label'], 'Ready'])
    expect(text).not.toContain(english);
  await eva.getByRole('button', { name: 'Llamar', exact: true }).waitFor();
});

test('a call that arrives while bob types a number leaves his typing alone; Enter never answers it', async () => {
  const { page } = await open('', 1000);
  const alice = new Phone(page, 'alice');
  const bob = new Phone(page, 'bob');
  await Promise.all([alice.waitForRegistrationState('registered'), bob.waitForRegistrationState('registered')]);
  await bob.numberInput.click();
  await page.keyboard.type('+1415');
  // alice dials over the bus (as the contacts app would), so bob's focus is not touched by clicking alice's phone.
  await page.evaluate(() =>
    window.dispatchEvent(
      new CustomEvent('softphone:command', {
        detail: { v: 1, id: 'x1', target: 'alice', type: 'dial', to: 'client:bob' },
      }),
    ),
  );
  await bob.incomingCall.waitFor();
  await page.keyboard.type('5550100');
  await expect(bob.numberInput.inputValue()).resolves.toBe('+14155550100');
  await expect(bob.numberInput.evaluate((input) => input === document.activeElement)).resolves.toBe(true);
  await page.keyboard.press('Backspace');
  await expect(bob.incomingCall.isVisible()).resolves.toBe(true);
  await bob.announcements.filter({ hasText: 'Incoming call from alice.' }).waitFor();
  await bob.incomingCall.getByRole('button', { name: 'Reject' }).click();
});

test('Test speaker plays the deployment’s own sound, never Twilio’s CDN', async () => {
  const { page, watch } = await open('?identity=finn', 1000);
  const finn = new Phone(page, 'finn');
  await finn.waitForRegistrationState('registered');
  const sound = page.waitForRequest((request) => /\/sounds\//.test(request.url()));
  await finn.root.getByRole('button', { name: 'Test speaker' }).click();
  expect(new URL((await sound).url()).origin).toBe(stack.origin);
  await finn.root.getByText(en['settings.testPlayed']).waitFor();
  expect(watch.foreignRequests).toEqual([]);
  expect([...watch.hosts].some((host) => host.includes('twilio.com'))).toBe(false);
});
