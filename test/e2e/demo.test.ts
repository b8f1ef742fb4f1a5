/**
 * The demo as its users use it: the real `npm start` stack (server/main.ts over the built dist/), the single-spa
 * shell with alice's and bob's parcels and the two sibling apps, in headless Chromium with fake media devices.
 * Every journey starts from a freshly loaded page and is driven through the UI by role and accessible name.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { screenshot } from './support/artifacts';
import { axeViolations } from './support/axe';
import { launchChromium } from '../support/chromium';
import { watchPage, type PageWatch } from './support/browser';
import { recordPlayedTones, waitForPlayedTone } from './support/dtmf';
import { nextChange, Phone } from './support/phone';
import { startStack, type Stack } from './support/stack';

jest.setTimeout(45_000);

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let watch: PageWatch;
let alice: Phone;
let bob: Phone;

/**
 * axe-core audits both softphones together (side by side they must not repeat a landmark's name: axe's
 * `landmark-unique`), then each parcel on its own, as a host page with one softphone shows it.
 */
async function expectNoAxeViolations(): Promise<void> {
  const both = ['#softphone-alice', '#softphone-bob'];
  expect({ slots: 'both', violations: await axeViolations(page, both) }).toEqual({ slots: 'both', violations: [] });
  for (const slot of ['#softphone-alice', '#softphone-bob'])
    expect({ slot, violations: await axeViolations(page, [slot]) }).toEqual({ slot, violations: [] });
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(), launchChromium({ autoAcceptMicrophone: true })]);
  context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 900 } });
  await context.addInitScript(recordPlayedTones);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.stop();
});

/** A fresh demo page per journey, with both phones registered. */
beforeEach(async () => {
  page = await context.newPage();
  watch = watchPage(page);
  alice = new Phone(page, 'alice');
  bob = new Phone(page, 'bob');
  await page.goto(`${stack.origin}/`);
  await Promise.all([alice.waitForRegistrationState('registered'), bob.waitForRegistrationState('registered')]);
});

/** Whatever a journey did, nothing may have left loopback. */
afterEach(async () => {
  const foreign = [...(watch?.foreignRequests ?? [])];
  await page?.close();
  expect(foreign).toEqual([]);
});

function journeyName(): string {
  return (expect.getState().currentTestName ?? 'journey').replace(/[^a-z0-9]+/gi, '-').toLowerCase();
}

/** alice dials bob from her dial pad and bob's parcel rings; returns bob's incoming-call panel. */
async function aliceCallsBob(): Promise<Locator> {
  await alice.dial('client:bob');
  await bob.incomingCall.waitFor();
  return bob.incomingCall;
}

/** The call log's lines for `instance`, oldest first. */
async function callLogLines(instance: string): Promise<string[]> {
  const items = page.getByRole('list', { name: 'Event log' }).locator(`li[data-instance="${instance}"] .log-text`);
  return (await items.allInnerTexts()).reverse();
}

/** The newest call-log line of `instance` containing `text`. */
function callLogLine(instance: string, text: string): Locator {
  return page
    .getByRole('list', { name: 'Event log' })
    .locator(`li[data-instance="${instance}"]`)
    .filter({ hasText: text })
    .first();
}

/** Asserts that `expected` appear in `lines` in this order (each a substring of one line), other lines in between. */
function expectInOrder(lines: readonly string[], expected: readonly string[]): void {
  let from = 0;
  for (const wanted of expected) {
    const at = lines.findIndex((line, i) => i >= from && line.includes(wanted));
    if (at < 0) throw new Error(`"${wanted}" not found after line ${from} in:\n${lines.join('\n')}`);
    from = at + 1;
  }
}

test('the page loads without console errors or requests leaving loopback, and both phones register', async () => {
  await expect(alice.registrationState.innerText()).resolves.toBe('Ready');
  await expect(bob.registrationState.innerText()).resolves.toBe('Ready');
  await expect(page.getByRole('region', { name: 'Contacts' }).isVisible()).resolves.toBe(true);
  await expect(page.getByRole('region', { name: 'Call log' }).isVisible()).resolves.toBe(true);
  await expectNoAxeViolations();
  await screenshot(page, journeyName());

  expect(watch.foreignRequests).toEqual([]);
  expect(watch.takeErrors()).toEqual([]);
});

test('outside any call, each phone has selected the default microphone and its level meter moves', async () => {
  for (const phone of [alice, bob]) {
    const settings = phone.root.getByRole('region', { name: `Audio settings for ${phone.identity}` });
    // Selected in the background after the Device is created, so registration may come first.
    const microphone = settings.getByRole('combobox', { name: 'Microphone' });
    await microphone.locator('xpath=self::*[not(option[@value=""])]').waitFor({ timeout: 10_000 });
    await expect(microphone.inputValue()).resolves.toBe('default');
    // Chromium's fake capture device plays a beep, so the level changes while nobody is in a call.
    await nextChange(settings.getByRole('meter', { name: 'Microphone level' }), { attribute: 'aria-valuenow' });
  }
  await expect(alice.root.getByRole('region', { name: /^Call (to|from) / }).count()).resolves.toBe(0);
  expect(watch.takeErrors()).toEqual([]);
});

test('alice dials bob from the dial pad; bob accepts; timer, meters, mute, keypad tones and hang up work', async () => {
  const incoming = await aliceCallsBob();
  await expect(incoming.innerText()).resolves.toContain('From: alice');
  await bob.announcements.filter({ hasText: 'Incoming call from alice.' }).waitFor();
  await expect(
    incoming.getByRole('button', { name: 'Accept' }).evaluate((button) => button === document.activeElement),
  ).resolves.toBe(true);
  await expectNoAxeViolations();
  await screenshot(page, `${journeyName()}-incoming`);

  await incoming.getByRole('button', { name: 'Accept' }).click();
  const aliceCall = alice.call('Call to bob');
  const bobCall = bob.call('Call from alice');
  await Promise.all([alice.waitForCallStatus(aliceCall, 'open'), bob.waitForCallStatus(bobCall, 'open')]);
  await alice.announcements.filter({ hasText: 'Connected with bob.' }).waitFor();

  // A running timer and moving meters on both sides: audio flows both ways.
  await Promise.all(
    [aliceCall, bobCall].flatMap((call) => [
      nextChange(call.getByRole('timer', { name: 'Call duration' })),
      nextChange(call.getByRole('meter', { name: 'Your voice' }), { attribute: 'aria-valuenow' }),
      nextChange(call.getByRole('meter', { name: 'Their voice' }), { attribute: 'aria-valuenow' }),
    ]),
  );
  await expectNoAxeViolations();
  await screenshot(page, `${journeyName()}-in-call`);

  // The label says what pressing it does now: Mute, then Unmute (issue #17).
  await aliceCall.getByRole('button', { name: 'Mute', exact: true }).click();
  await aliceCall.getByText('Your microphone is muted.').waitFor();
  await aliceCall.getByRole('button', { name: 'Unmute', exact: true }).click();
  await aliceCall.getByRole('button', { name: 'Mute', exact: true }).waitFor();
  expectInOrder(await callLogLines('alice'), [': muted', ': unmuted']);

  const keypad = aliceCall.getByRole('button', { name: 'Keypad', exact: true });
  await keypad.click();
  await expect(keypad.getAttribute('aria-expanded')).resolves.toBe('true');
  await aliceCall.getByRole('group', { name: 'Call keypad' }).getByRole('button', { name: 'Send tone 1' }).click();
  expect(await waitForPlayedTone(page, '1')).toEqual(['1']);
  await screenshot(page, `${journeyName()}-keypad`);

  await aliceCall.getByRole('button', { name: 'Hang up' }).click();
  await Promise.all([alice.waitForCallEnded(aliceCall), bob.waitForCallEnded(bobCall)]);
  await alice.announcements.filter({ hasText: 'Call with bob ended.' }).waitFor();
  await alice.root.getByRole('region', { name: 'How was your call with bob?' }).waitFor();
  await bob.root.getByRole('region', { name: 'How was your call with alice?' }).waitFor();
  await screenshot(page, `${journeyName()}-ended`);
  expect(watch.takeErrors()).toEqual([]);
});

test('the contacts app dials over the bus and shows the reply; the call log shows the call in order', async () => {
  const contacts = page.getByRole('region', { name: 'Contacts' });
  await contacts.getByRole('combobox', { name: 'Call from' }).selectOption('alice');
  await contacts.getByRole('button', { name: 'Call Bob (client:bob)' }).click();
  const replies = contacts.getByRole('list', { name: 'Replies' }).getByRole('listitem');
  await replies.filter({ hasText: 'dial client:bob from alice' }).waitFor();
  expect(await replies.first().innerText()).toMatch(/dial client:bob from alice\s*ok \{"callSid":"[^"]+"\}/);

  await bob.incomingCall.getByRole('button', { name: 'Accept' }).click();
  await Promise.all([
    alice.waitForCallStatus(alice.call('Call to bob'), 'open'),
    bob.waitForCallStatus(bob.call('Call from alice'), 'open'),
  ]);
  await contacts.getByRole('button', { name: 'Hang up on selected phone' }).click();
  await replies.filter({ hasText: 'hangup on alice' }).waitFor();
  expect(await replies.first().innerText()).toMatch(/hangup on alice\s*ok$/);
  await bob.waitForCallEnded(bob.call('Call from alice'));

  const callLog = page.getByRole('region', { name: 'Call log' });
  await callLog.getByRole('row', { name: /bob registered no call/ }).waitFor();
  expectInOrder(await callLogLines('alice'), [
    'device registered',
    'outgoing call to client:bob',
    'call ringing',
    '→ open',
    'call accept',
    'open → closed (local-hangup)',
    'call disconnect',
  ]);
  expectInOrder(await callLogLines('bob'), [
    'device registered',
    'incoming call from client:alice',
    'device incoming',
    '→ open',
    'call accept',
    'open → closed (remote-hangup)',
    'call disconnect',
  ]);
  await screenshot(page, journeyName());
  expect(watch.takeErrors()).toEqual([]);
});

test('bob rejects: both calls end and alice is told the line was busy', async () => {
  const incoming = await aliceCallsBob();
  await incoming.getByRole('button', { name: 'Reject' }).click();
  await incoming.waitFor({ state: 'detached' });
  const aliceCall = alice.call('Call to bob');
  await alice.waitForCallEnded(aliceCall);
  // Said once, in plain words, with what to do next and a way to call again.
  const busy = alice.root.getByRole('alert').filter({ hasText: 'The person you called is on another call.' });
  await busy.waitFor();
  await expect(busy.innerText()).resolves.not.toMatch(/The line is busy|The callee is busy/);
  await expect(busy.getByRole('button', { name: 'Call again' }).isEnabled()).resolves.toBe(true);
  await screenshot(page, journeyName());
  expectInOrder(await callLogLines('bob'), ['incoming call from client:alice', 'call reject']);
  expectInOrder(await callLogLines('alice'), ['outgoing call to client:bob', '→ closed']);
  await expect(alice.callButton.isVisible()).resolves.toBe(true);
  // The SDK logs the caller's 31486 "busy" as a console error; nothing else may appear.
  expect(watch.takeErrors().filter((line) => !/31486|busy/i.test(line))).toEqual([]);
});

test('bob ignores: his phone stops ringing while alice keeps ringing until she cancels', async () => {
  const incoming = await aliceCallsBob();
  await incoming.getByRole('button', { name: 'Ignore' }).click();
  await incoming.waitFor({ state: 'detached' });
  await callLogLine('bob', 'pending → closed').waitFor();
  // bob's call is over on his side only: the gateway still rings alice's outgoing call.
  const aliceCall = alice.call('Call to bob');
  await expect(aliceCall.getByText('Ringing…', { exact: true }).isVisible()).resolves.toBe(true);
  await screenshot(page, journeyName());
  await aliceCall.getByRole('button', { name: 'Hang up' }).click();
  await alice.waitForCallEnded(aliceCall);
  expectInOrder(await callLogLines('alice'), ['call ringing', 'ringing → closed']);
  expect(watch.takeErrors()).toEqual([]);
});

test("alice cancels before bob answers: bob's ringing call goes away", async () => {
  const incoming = await aliceCallsBob();
  const aliceCall = alice.call('Call to bob');
  await aliceCall.getByRole('button', { name: 'Hang up' }).click();
  await incoming.waitFor({ state: 'detached' });
  await alice.waitForCallEnded(aliceCall);
  await screenshot(page, journeyName());
  expectInOrder(await callLogLines('bob'), ['incoming call from client:alice', 'call cancel']);
  expect(watch.takeErrors()).toEqual([]);
});

test('an incoming call placed through the gateway control API rings alice with its caller id and parameters', async () => {
  const placed = await context.request.post(`${stack.origin}/control/calls`, {
    data: { to: 'alice', from: '+14155550123', params: { topic: 'Billing <b>question</b>' } },
  });
  expect(placed.status()).toBe(201);
  const { callSid } = (await placed.json()) as { callSid: string };
  expect(callSid).toMatch(/^CA[0-9a-f]{32}$/);

  const incoming = alice.incomingCall;
  await incoming.waitFor();
  await expect(incoming.innerText()).resolves.toContain('+14155550123');
  // Custom parameters are shown as text, never as markup.
  await incoming.getByText('Billing <b>question</b>').waitFor();
  expect(await incoming.locator('b').count()).toBe(0);

  await incoming.getByRole('button', { name: 'Accept' }).click();
  const call = alice.call('Call from +14155550123');
  await alice.waitForCallStatus(call, 'open');
  // The gateway's server peer echoes alice's audio back: her "Their voice" meter moves.
  await nextChange(call.getByRole('meter', { name: 'Their voice' }), { attribute: 'aria-valuenow' });
  await screenshot(page, journeyName());

  const ended = await context.request.delete(`${stack.origin}/control/calls/${callSid}`);
  expect(ended.status()).toBe(200);
  await alice.waitForCallEnded(call);
  expect(watch.takeErrors()).toEqual([]);
});

test('a dropped signalling connection shows the reconnecting banner and the call recovers', async () => {
  const incoming = await aliceCallsBob();
  await incoming.getByRole('button', { name: 'Accept' }).click();
  const aliceCall = alice.call('Call to bob');
  await alice.waitForCallStatus(aliceCall, 'open');

  const dropped = await context.request.post(`${stack.origin}/control/devices/alice/drop`);
  expect(dropped.status()).toBe(200);
  expect(await dropped.json()).toEqual({ identity: 'alice', sockets: 1 });
  const banner = aliceCall.getByRole('status').filter({ hasText: 'Reconnecting…' });
  await banner.waitFor();
  await alice.waitForCallStatus(aliceCall, 'reconnecting');
  await screenshot(page, journeyName());

  await banner.waitFor({ state: 'detached' });
  await alice.waitForCallStatus(aliceCall, 'open');
  await alice.waitForRegistrationState('registered');
  await nextChange(aliceCall.getByRole('meter', { name: 'Their voice' }), { attribute: 'aria-valuenow' });
  expectInOrder(await callLogLines('alice'), ['call reconnecting', 'call reconnected']);

  await aliceCall.getByRole('button', { name: 'Hang up' }).click();
  await bob.waitForCallEnded(bob.call('Call from alice'));
  // The SDK reports the closed socket (1006, 31005, transportClose) on the console; only those may appear.
  expect(watch.takeErrors().filter((line) => !/websocket close|31005|transportClose/i.test(line))).toEqual([]);
});
