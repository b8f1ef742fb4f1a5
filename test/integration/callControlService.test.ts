/**
 * The project's VoiceService doing call control with the real @twilio/voice-sdk in Chromium against the local
 * gateway's call-control route: alice, bob and carol are each a VoiceService page (serviceHarness.ts). What the
 * service promises is asserted through its API and state$: held lines, call waiting with parking and switchCall (the
 * server's call-back is accepted by the service itself), blind and warm transfer, completeTransfer and merge; the far
 * parties' own services show their calls staying up or moving. (Who hears whom is asserted by audio energy in
 * callControl.test.ts.)
 */
import type { Browser, BrowserContext } from 'playwright-core';
import type { CallState, SoftphoneState } from '../../src/contract/schema';
import { startServer, type RunningServer } from '../../server/index';
import { launchChromium } from '../support/chromium';
import { bundleServiceHarness } from './support/harnessPages';
import type { Outcome } from './support/serviceHarness';
import { ServicePage } from './support/servicePage';

jest.setTimeout(120_000);

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
let alice: ServicePage;
let bob: ServicePage;
let carol: ServicePage;

// ----- state predicates (run in the page: self-contained) ---------------------------------------
const isRegistered = (s: SoftphoneState): boolean => s.device.state === 'registered';
const ringingFrom = (s: SoftphoneState, from: string): boolean =>
  s.calls.some((c) => c.direction === 'incoming' && c.status === 'pending' && c.from === `client:${from}`);
const callIs = (s: SoftphoneState, q: { sid: string; status: string; held?: boolean }): boolean =>
  s.calls.some(
    (c) => (c.sid === q.sid || c.twilioCallSid === q.sid) && c.status === q.status && (q.held ?? c.held) === c.held,
  );
const openCalls = (s: SoftphoneState, n: number): boolean => s.calls.filter((c) => c.status === 'open').length === n;
const allClosed = (s: SoftphoneState): boolean => s.calls.every((c) => c.status === 'closed');

function callIn(state: SoftphoneState, sid: string): CallState {
  const call = state.calls.find((c) => c.sid === sid || c.twilioCallSid === sid);
  if (!call) throw new Error(`no call ${sid} in ${state.instance}'s state`);
  return call;
}

function pendingFrom(state: SoftphoneState, from: string): CallState {
  const call = state.calls.find((c) => c.status === 'pending' && c.from === `client:${from}`);
  if (!call) throw new Error(`no call from ${from} ringing at ${state.instance}`);
  return call;
}

/** `caller` dials `callee` and the callee accepts; returns both sids once both are open. */
async function connect(caller: ServicePage, callee: ServicePage): Promise<{ callerSid: string; calleeSid: string }> {
  const { callSid: callerSid } = await caller.ok<{ callSid: string }>('dial', `client:${callee.identity}`);
  const ringing = pendingFrom(await callee.waitForState(ringingFrom, caller.identity), caller.identity);
  await callee.ok('accept', ringing.sid);
  await caller.waitForState(callIs, { sid: callerSid, status: 'open' });
  return { callerSid, calleeSid: ringing.sid };
}

beforeAll(async () => {
  const staticDir = await bundleServiceHarness();
  server = await startServer({ port: 0, quiet: true, staticDir, env: {} });
  browser = await launchChromium({ autoAcceptMicrophone: true });
  // waitForState evaluates predicate source in the page (test instrumentation), which the server's CSP forbids.
  context = await browser.newContext({ ignoreHTTPSErrors: true, permissions: ['microphone'], bypassCSP: true });
  [alice, bob, carol] = await Promise.all(
    ['alice', 'bob', 'carol'].map((identity) => ServicePage.open(context, server.origin, identity)),
  );
  for (const phone of [alice, bob, carol]) await phone.waitForState(isRegistered, null, { timeout: 30_000 });
}, 90_000);

afterEach(async () => {
  // A failed test must not leave a call (or a parked line) up for the next one.
  for (const phone of [alice, bob, carol]) {
    const state = await phone.state().catch(() => null);
    if (!state || allClosed(state)) continue;
    await phone.run('hangupAll');
    await phone.waitForState(allClosed, null, { timeout: 20_000 }).catch(() => undefined);
  }
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

test('hold and resume: alice’s call shows held and back; bob’s call stays up; misuse is refused', async () => {
  const { callerSid } = await connect(alice, bob);
  expect(await alice.run('hold', true, 'CAnope')).toMatchObject({ ok: false, code: 'no_active_call' });
  expect(await alice.ok('hold', true)).toEqual({ held: true });
  expect(callIn(await alice.state(), callerSid)).toMatchObject({ status: 'open', held: true, muted: true });
  expect(await alice.run('merge')).toMatchObject({ ok: false, code: 'wrong_state' });
  expect(await alice.run('switchCall', callerSid)).toMatchObject({ ok: true });
  expect(callIn(await alice.state(), callerSid)).toMatchObject({ held: false, muted: false });
  expect(await alice.run('completeTransfer')).toMatchObject({ ok: false, code: 'wrong_state' });
  expect(await alice.run('transfer', 'abc!')).toMatchObject({ ok: false, code: 'invalid_number' });
  expect(openCalls(await bob.state(), 1)).toBe(true);
});

test('call waiting: carol rings beside bob; accept holds bob (parked); switchCall brings bob back on the call-back', async () => {
  const { callerSid: bobLine, calleeSid: bobAtBob } = await connect(alice, bob);
  const { callSid: carolDial } = await carol.ok<{ callSid: string }>('dial', 'client:alice');
  const waiting = pendingFrom(await alice.waitForState(ringingFrom, 'carol'), 'carol');
  expect(callIn(await alice.state(), bobLine)).toMatchObject({ status: 'open', held: false });
  await alice.ok('accept', waiting.sid);
  await alice.waitForState(callIs, { sid: waiting.sid, status: 'open', held: false });
  await alice.waitForState(callIs, { sid: bobLine, status: 'open', held: true });
  await carol.waitForState(callIs, { sid: carolDial, status: 'open' });
  // Bob's side never noticed anything but hold music: his call stays open.
  expect(callIn(await bob.state(), bobAtBob).status).toBe('open');

  await alice.ok('switchCall', bobLine);
  const switched = await alice.waitForState(callIs, { sid: bobLine, status: 'open', held: false });
  expect(callIn(switched, bobLine).twilioCallSid).toBe(callIn(await alice.state(), bobLine).twilioCallSid);
  expect(callIn(await alice.state(), waiting.sid)).toMatchObject({ status: 'open', held: true });
  expect((await alice.state()).activeCallSid).toBe(callIn(switched, bobLine).sid);
  expect(callIn(await carol.state(), carolDial).status).toBe('open');
  expect(callIn(await bob.state(), bobAtBob).status).toBe('open');

  await alice.ok('hangup', waiting.sid);
  await carol.waitForState(allClosed, null, { timeout: 20_000 });
  expect(callIn(await alice.state(), bobLine)).toMatchObject({ status: 'open', held: false });
});

/**
 * Carol's `accept` resolves in her page before her answer has reached the gateway, and until it has, the consult
 * target "has not answered yet" (wrong_state, which changes nothing): repeat the command as a person would, until the
 * gateway has the answer (bounded).
 */
async function whenConsultAnswered<T>(command: () => Promise<Outcome<T>>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const outcome = await command();
    if (outcome.ok) return outcome.result;
    if (outcome.code !== 'wrong_state' || !/not answered/.test(outcome.message) || Date.now() > deadline)
      throw new Error(`${outcome.code} ${outcome.message}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('blind transfer of bob’s call to carol: alice’s call closes as transferred, bob and carol talk', async () => {
  const { callerSid, calleeSid } = await connect(alice, bob);
  expect(await alice.ok('transfer', 'client:carol')).toEqual({});
  await alice.waitForState((s, sid) => s.calls.some((c) => c.sid === sid && c.endReason === 'transferred'), callerSid, {
    timeout: 20_000,
  });
  const ringing = await carol.waitForState((s) => s.calls.some((c) => c.status === 'pending'), null);
  await carol.ok('accept', ringing.calls.find((c) => c.status === 'pending')!.sid);
  await carol.waitForState(openCalls, 1);
  expect(callIn(await bob.state(), calleeSid).status).toBe('open');
});

test('warm transfer: a consult call with consultFor while bob is held, then complete: bob and carol talk', async () => {
  const { callerSid, calleeSid } = await connect(alice, bob);
  const warm = alice.ok<{ consultCallSid: string }>('transfer', 'client:carol', undefined, 'warm');
  const ringing = await carol.waitForState((s) => s.calls.some((c) => c.status === 'pending'), null, {
    timeout: 20_000,
  });
  const { consultCallSid } = await warm;
  expect(callIn(await alice.state(), consultCallSid)).toMatchObject({ consultFor: callerSid, to: 'client:carol' });
  expect(callIn(await alice.state(), callerSid)).toMatchObject({ status: 'open', held: true });
  await carol.ok('accept', ringing.calls.find((c) => c.status === 'pending')!.sid);
  await whenConsultAnswered(() => alice.run('completeTransfer', consultCallSid));
  await alice.waitForState(allClosed, null, { timeout: 20_000 });
  expect((await alice.state()).calls.map((c) => c.endReason)).toEqual(expect.arrayContaining(['transferred']));
  await carol.waitForState(openCalls, 1);
  expect(callIn(await bob.state(), calleeSid).status).toBe('open');
});

test('merge after a consult: one conference on the consult call, the held line folded in', async () => {
  const { callerSid, calleeSid } = await connect(alice, bob);
  const warm = alice.ok<{ consultCallSid: string }>('transfer', 'client:carol', undefined, 'warm');
  const ringing = await carol.waitForState((s) => s.calls.some((c) => c.status === 'pending'), null, {
    timeout: 20_000,
  });
  await carol.ok('accept', ringing.calls.find((c) => c.status === 'pending')!.sid);
  const { consultCallSid } = await warm;
  const { conferenceSid } = await whenConsultAnswered(() => alice.run<{ conferenceSid: string }>('merge'));
  expect(conferenceSid).toMatch(/^CF/);
  const merged = await alice.waitForState(callIs, { sid: consultCallSid, status: 'open', held: false });
  expect(callIn(merged, consultCallSid)).toMatchObject({ conferenceSid, consultFor: null });
  expect(callIn(merged, callerSid)).toMatchObject({ status: 'closed', endReason: 'merged' });
  expect(callIn(await bob.state(), calleeSid).status).toBe('open');
  await carol.waitForState(openCalls, 1);
});

test('a parked call whose far party hangs up closes at once (the service polls the route’s lines)', async () => {
  const { callerSid: bobLine, calleeSid: bobAtBob } = await connect(alice, bob);
  const { callSid: carolDial } = await carol.ok<{ callSid: string }>('dial', 'client:alice');
  const waiting = pendingFrom(await alice.waitForState(ringingFrom, 'carol'), 'carol');
  await alice.ok('accept', waiting.sid);
  await alice.waitForState(callIs, { sid: waiting.sid, status: 'open', held: false });
  await alice.waitForState(callIs, { sid: bobLine, status: 'open', held: true });
  await carol.waitForState(callIs, { sid: carolDial, status: 'open' });

  await bob.ok('hangup', bobAtBob);
  const hungUpAt = Date.now();
  const ended = await alice.waitForState(
    (s, sid) => s.calls.some((c) => c.sid === sid && c.status === 'closed' && c.endReason === 'remote-hangup'),
    bobLine,
    { timeout: 5_000 },
  );
  expect(Date.now() - hungUpAt).toBeLessThan(5_000);
  expect(callIn(ended, waiting.sid)).toMatchObject({ status: 'open', held: false });
  expect(ended.activeCallSid).toBe(waiting.sid);
  expect(callIn(await carol.state(), carolDial).status).toBe('open');
});

test('a held call (its leg still up) whose far party hangs up closes through the SDK', async () => {
  const { callerSid, calleeSid } = await connect(alice, bob);
  expect(await alice.ok('hold', true)).toEqual({ held: true });
  await bob.ok('hangup', calleeSid);
  const ended = await alice.waitForState(
    (s, sid) => s.calls.some((c) => c.sid === sid && c.status === 'closed' && c.endReason === 'remote-hangup'),
    callerSid,
    { timeout: 5_000 },
  );
  expect(ended.activeCallSid).toBeNull();
});
