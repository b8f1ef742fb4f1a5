// `node scripts/screenshots.mjs`: photographs every screen of the softphone (idle, ringing, in call, keypad, transfer,
// after call, settings) in the light and dark themes at 360 px and 1000 px, plus Spanish, a denied microphone and the
// whole demo page, into docs/screenshots/ (listed in docs/screens.md). It runs the real stack the way `npm start` does
// (tsx server/main.ts over the built dist/, on a free port) in headless Chromium with fake media.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { require as requireTs } from 'tsx/cjs/api';

/** The same Chromium and the same build checks as the browser tests (TypeScript, compiled on the fly by tsx). */
const { launchChromium } = requireTs('../test/support/chromium.ts', import.meta.url);
const { assertBuilt } = requireTs('../test/support/dist.ts', import.meta.url);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'docs/screenshots');
const WAIT_MS = 20_000;

try {
  assertBuilt();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

/** The server in its own process group (tsx runs it in a child process); resolves with its origin. */
function startServer() {
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const origin = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server printed no origin:\n${output}`)), WAIT_MS);
    const read = (chunk) => {
      output += chunk;
      const match = /https:\/\/localhost:\d+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`the server exited (${code}):\n${output}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    await exited;
  };
  return { origin, stop };
}

const phone = (page, identity) => page.locator(`#softphone-${identity}`);
/** The registration chip reads "Ready" (English) or "Listo" (Spanish) once registered. */
const registered = (page, identity) =>
  phone(page, identity)
    .getByText(/^(Ready|Listo)$/)
    .first()
    .waitFor({ timeout: WAIT_MS });

/** A resting UI: no hover highlight from the last click, no running transitions. */
async function shoot(target, page, name, options = {}) {
  await page.mouse.move(0, 0);
  const file = path.join(outDir, `${name}.png`);
  await target.screenshot({ path: file, animations: 'disabled', ...options });
  console.log(`wrote ${path.relative(root, file)}`);
}

/** Dials over the bus, as a sibling app would, so the incoming call carries custom parameters to show. */
function dialOverBus(page, from, to, params) {
  return page.evaluate(
    ([target, number, parameters]) =>
      new Promise((resolve, reject) => {
        const id = `screenshots-${Date.now()}`;
        const onReply = (event) => {
          if (event.detail?.id !== id) return;
          removeEventListener('softphone:reply', onReply);
          if (event.detail.ok) resolve(event.detail.result);
          else reject(new Error(`${event.detail.error.code}: ${event.detail.error.message}`));
        };
        addEventListener('softphone:reply', onReply);
        dispatchEvent(
          new CustomEvent('softphone:command', {
            detail: { v: 1, id, type: 'dial', target, to: number, params: parameters },
          }),
        );
      }),
    [from, to, params],
  );
}

/** Every meter of the call panel (your voice, their voice) at `min` percent or more at once: audio is flowing. */
async function metersAbove(call, min) {
  const panel = await call.elementHandle();
  await call
    .page()
    .waitForFunction(
      ([element, floor]) =>
        [...element.querySelectorAll('[role="meter"]')].every(
          (meter) => Number(meter.getAttribute('aria-valuenow')) >= floor,
        ),
      [panel, min],
      { timeout: WAIT_MS, polling: 'raf' },
    );
  await panel.dispose();
}

/** Every screen of one theme at one width: alice and bob on the demo page, each screen a photo of one phone. */
async function captureScreens(browser, origin, theme, width) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width, height: 900 } });
  const name = (screen) => `${screen}-${theme}-${width}`;
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/${theme === 'dark' ? '?theme=dark' : ''}`);
    await Promise.all([registered(page, 'alice'), registered(page, 'bob')]);
    const alice = phone(page, 'alice');
    const bob = phone(page, 'bob');
    await alice.getByRole('textbox', { name: 'Number or client name' }).fill('4155550100');
    await shoot(alice, page, name('idle'));
    await alice.getByRole('textbox', { name: 'Number or client name' }).fill('');
    await shoot(alice.getByRole('region', { name: 'Audio settings for alice' }), page, name('settings'));

    await dialOverBus(page, 'alice', 'client:bob', { topic: 'Billing question', account: 'ACME-1042' });
    const incoming = bob.getByRole('region', { name: 'Incoming call' });
    await incoming.waitFor({ timeout: WAIT_MS });
    await shoot(bob, page, name('ringing'));

    await incoming.getByRole('button', { name: 'Accept' }).click();
    const call = alice.getByRole('region', { name: 'Call to bob' });
    await call.getByText('Connected', { exact: true }).waitFor({ timeout: WAIT_MS });
    await call
      .getByRole('timer', { name: 'Call duration' })
      .filter({ hasText: /^0:0[2-9]$/ })
      .waitFor({ timeout: WAIT_MS });
    await metersAbove(call, 10);
    await shoot(alice, page, name('in-call'));
    if (theme === 'light' && width === 1000) await shoot(page, page, 'demo', { fullPage: true });

    await call.getByRole('button', { name: 'Keypad' }).click();
    await call.getByRole('group', { name: 'Call keypad' }).waitFor({ timeout: WAIT_MS });
    await shoot(alice, page, name('keypad'));
    await call.getByRole('button', { name: 'Close keypad' }).click();

    await call.getByRole('button', { name: 'Transfer', exact: true }).click();
    await call.getByRole('textbox', { name: 'Transfer to' }).fill('carol');
    await shoot(alice, page, name('transfer'));
    await call.getByRole('button', { name: 'Cancel', exact: true }).first().click();

    await call.getByRole('button', { name: 'Hang up' }).click();
    const summary = alice.getByRole('region', { name: 'Call with bob ended' });
    await summary.waitFor({ timeout: WAIT_MS });
    await shoot(alice, page, name('after-call'));
  } finally {
    await context.close();
  }
}

/** `?locale=es`: the idle phone in Spanish. */
async function captureSpanish(browser, origin) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1000, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/?identity=alice&locale=es`);
    await registered(page, 'alice');
    await shoot(phone(page, 'alice'), page, 'idle-es');
  } finally {
    await context.close();
  }
}

/** Without the fake-UI flag and with no permission granted, headless Chromium refuses getUserMedia. */
async function captureMicrophoneDenied(origin) {
  const browser = await launchChromium({ autoAcceptMicrophone: false });
  try {
    const context = await browser.newContext({
      ignoreHTTPSErrors: true,
      permissions: [],
      viewport: { width: 560, height: 900 },
    });
    const page = await context.newPage();
    await page.goto(`${origin}/?identity=alice`);
    const alice = phone(page, 'alice');
    await alice.getByRole('list', { name: 'Possible solutions' }).waitFor({ timeout: WAIT_MS });
    await alice.getByRole('textbox', { name: 'Number or client name' }).fill('client:bob');
    await shoot(alice, page, 'error-microphone-denied');
  } finally {
    await browser.close();
  }
}

/** `--only=screens|spanish|microphone-denied` retakes one group of screenshots. */
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
mkdirSync(outDir, { recursive: true });
const server = startServer();
let interrupted = false;
process.once('SIGINT', () => {
  interrupted = true;
  void server.stop().then(() => process.exit(130));
});
try {
  const origin = await server.origin;
  const browser = await launchChromium({ autoAcceptMicrophone: true });
  try {
    if (!only || only === 'screens') {
      for (const theme of ['light', 'dark'])
        for (const width of [360, 1000]) await captureScreens(browser, origin, theme, width);
    }
    if (!only || only === 'spanish') await captureSpanish(browser, origin);
  } finally {
    await browser.close();
  }
  if (!only || only === 'microphone-denied') await captureMicrophoneDenied(origin);
} catch (error) {
  if (!interrupted) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
} finally {
  await server.stop();
}
