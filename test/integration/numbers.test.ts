/**
 * The simulated phone numbers end to end: the real @twilio/voice-sdk in headless Chromium calls the local gateway,
 * whose number plan answers with server-side WebRTC media (werift). No Twilio account, nothing leaves the machine.
 */
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../server/index';
import {
  NUMBER_PLAN,
  createNumberPlan,
  createServerMediaFactory,
  type SimulatedNumberPlan,
} from '../../server/numbers';
import { openServerPeerCount } from '../../server/media/serverPeer';
import { bundleNumbersHarness } from './support/harnessPages';
import { launchChromium } from '../support/chromium';
import type { AudioStats, NumberCallEvent, NumbersHarness } from './support/numbersHarness';

jest.setTimeout(40_000);

const NUMBER = Object.fromEntries(NUMBER_PLAN.map((e) => [e.kind, e.number])) as Record<
  (typeof NUMBER_PLAN)[number]['kind'],
  string
>;
const IMPAIRMENT_MS = 8_000;

let server: RunningServer;
let plan: SimulatedNumberPlan;
let browser: Browser;
let page: Page;
const hosts = new Set<string>();

type Win = { numbers: NumbersHarness };
function run<T>(method: keyof NumbersHarness, ...args: unknown[]): Promise<T> {
  return page.evaluate(
    ([m, a]) => {
      const fn = (window as unknown as Win).numbers[m] as unknown as (...xs: unknown[]) => unknown;
      return fn(...a);
    },
    [method, args] as const,
  ) as Promise<T>;
}

const events = (): Promise<NumberCallEvent[]> => page.evaluate(() => (window as unknown as Win).numbers.events);
const stats = (): Promise<AudioStats> => run<AudioStats>('audioStats');

/** Waits for an event named `name` logged after index `after` (optionally with `data`), returns it. */
async function waitForEvent(
  name: string,
  after: number,
  opts: { data?: unknown; timeout?: number } = {},
): Promise<NumberCallEvent> {
  const handle = await page.waitForFunction(
    ([n, from, data]) =>
      (window as unknown as Win).numbers.events
        .slice(from as number)
        .find((e) => e.name === n && (data === null || JSON.stringify(e.data) === JSON.stringify(data))) ?? false,
    [name, after, opts.data === undefined ? null : opts.data] as const,
    { timeout: opts.timeout ?? 10_000, polling: 25 },
  );
  return (await handle.jsonValue()) as NumberCallEvent;
}

/** Polls the Device's audio statistics until `predicate` holds. */
async function waitForStats(predicate: (s: AudioStats) => boolean, timeoutMs = 5000): Promise<AudioStats> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await stats();
    if (predicate(current)) return current;
    if (Date.now() > deadline) throw new Error(`audio statistics never matched: ${JSON.stringify(current)}`);
    await page.waitForTimeout(100);
  }
}

async function dial(to: string): Promise<number> {
  const from = (await events()).length;
  await run('dial', to);
  return from;
}

const namesAfter = async (from: number): Promise<string[]> =>
  (await events()).slice(from).map((e) => (e.code ? `${e.name} ${e.code}` : e.name));

/** After each call: the call closed, the browser and the server hold no media, the plan no call. */
async function expectReleased(): Promise<void> {
  await page.waitForFunction(() => (window as unknown as Win).numbers.status() === 'closed', undefined, {
    timeout: 5000,
  });
  const deadline = Date.now() + 3000;
  while ((openServerPeerCount() > 0 || plan.activeCalls > 0) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 25));
  expect(openServerPeerCount()).toBe(0);
  expect(plan.activeCalls).toBe(0);
  expect(server.gateway.listCalls()).toEqual([]);
}

beforeAll(async () => {
  const staticDir = await bundleNumbersHarness();
  server = await startServer({ port: 0, quiet: true, staticDir, env: {} });
  plan = createNumberPlan({
    busyAfterMs: 200,
    noAnswerTimeoutMs: 3_000,
    rejectAfterMs: 800,
    slowAnswerMs: 1_500,
    badNetwork: { lossRate: 0.25, jitterMs: 300, windowMs: IMPAIRMENT_MS },
  });
  server.gateway.setNumberPlan(plan);
  server.gateway.setServerMedia(createServerMediaFactory());
  browser = await launchChromium({ autoAcceptMicrophone: true });
  const context = await browser.newContext({ ignoreHTTPSErrors: true, permissions: ['microphone'] });
  page = await context.newPage();
  page.on('request', (request) => hosts.add(new URL(request.url()).hostname));
  await page.goto(`${server.origin}/`);
  await page.waitForFunction(() => 'numbers' in window);
  expect(await run<string>('start', 'alice')).toBe('registered');
}, 60_000);

afterAll(async () => {
  await page?.evaluate(() => (window as unknown as Win).numbers.destroy()).catch(() => undefined);
  await browser?.close();
  await server?.close();
  expect(openServerPeerCount()).toBe(0);
});

afterEach(async () => {
  if ((await run<string>('status')) !== 'closed') await run('hangup');
  await expectReleased();
});

/** Energy received and sent over `ms`, from cumulative totalAudioEnergy. */
async function energyOver(ms: number): Promise<{ received: number; sent: number; packets: number }> {
  const a = await stats();
  await page.waitForTimeout(ms);
  const b = await stats();
  return {
    received: b.receivedEnergy - a.receivedEnergy,
    sent: b.sentEnergy - a.sentEnergy,
    packets: b.packetsReceived - a.packetsReceived,
  };
}

describe('simulated numbers with the real SDK', () => {
  it("echo: opens fast, returns the caller's audio, and the echo follows the microphone (mute → silence)", async () => {
    const from = await dial(NUMBER.echo);
    const accepted = await waitForEvent('accept', from);
    const dialAt = (await events())[from]?.at ?? 0;
    console.info(`echo: dial → accept ${accepted.at - dialAt} ms`);
    await waitForStats((s) => s.packetsReceived > 50);

    const live = await energyOver(2000);
    expect(live.packets).toBeGreaterThan(60); // ~50 packets/s come back
    expect(live.sent).toBeGreaterThan(0);
    expect(live.received).toBeGreaterThan(live.sent * 0.2); // the echo carries the fake microphone's tone

    await run('mute', true);
    await page.waitForTimeout(300); // audio already in flight drains
    const muted = await energyOver(2000);
    expect(muted.received).toBeLessThan(live.received * 0.05);

    await run('mute', false);
    await page.waitForTimeout(300);
    const back = await energyOver(2000);
    expect(back.received).toBeGreaterThan(live.received * 0.3);

    await run('hangup');
    expect(await namesAfter(from)).toEqual(expect.arrayContaining(['dial', 'ringing', 'accept', 'disconnect']));
    expect((await namesAfter(from)).some((n) => n.startsWith('error'))).toBe(false);
  });

  it('echo: dial → open on loopback (measured, reported; not asserted)', async () => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const from = await dial(NUMBER.echo);
      const accepted = await waitForEvent('accept', from);
      times.push(accepted.at - ((await events())[from]?.at ?? accepted.at));
      await run('hangup');
      await expectReleased();
    }
    times.sort((a, b) => a - b);
    console.info(`echo: dial → open median ${times[2]} ms (${times.join(', ')})`);
    expect(times).toHaveLength(5);
  });

  it('IVR: plays a prompt, reports digits (RTP telephone-events) as call messages, answers messages, hangs up on 9', async () => {
    const from = await dial(NUMBER.ivr);
    await waitForEvent('accept', from);
    const menu = await waitForEvent('messageReceived', from);
    expect(menu.data).toMatchObject({ type: 'ivr', event: 'menu', menu: 'main' });
    expect((await stats()).codec).toBe('audio/PCMU');
    await waitForStats((s) => s.receivedEnergy > 0.01);

    let mark = (await events()).length;
    await run('sendDigits', '2');
    const pressed = await waitForEvent('messageReceived', mark);
    expect(pressed.data).toMatchObject({
      type: 'ivr',
      event: 'pressed',
      pressed: '2',
      menu: 'support',
      previousMenu: 'main',
    });
    // Chromium sends DTMF in band when the answer negotiates telephone-event; the SDK's signaling fallback is
    // covered by the node tests.
    expect((pressed.data as { via: string }).via).toBe('rtp');

    mark = (await events()).length;
    await run('sendMessage', { question: 'menu?' });
    await waitForEvent('messageSent', mark);
    const reply = await waitForEvent('messageReceived', mark);
    expect(reply.data).toMatchObject({ type: 'ivr', event: 'reply', menu: 'support', received: { question: 'menu?' } });

    mark = (await events()).length;
    await run('sendDigits', '0');
    expect((await waitForEvent('messageReceived', mark)).data).toMatchObject({ pressed: '0', menu: 'main' });
    mark = (await events()).length;
    await run('sendDigits', '9');
    expect((await waitForEvent('messageReceived', mark)).data).toMatchObject({ pressed: '9', result: 'goodbye' });
    await waitForEvent('disconnect', mark, { timeout: 5000 });
    expect((await namesAfter(from)).some((n) => n.startsWith('error'))).toBe(false);
  });

  it('busy: the call fails with 31486 before answer and closes', async () => {
    const from = await dial(NUMBER.busy);
    await waitForEvent('disconnect', from, { timeout: 5000 });
    expect(await namesAfter(from)).toEqual(['dial', 'error 31486', 'disconnect']);
  });

  it('no answer: rings, then fails with 31480 when the timeout passes', async () => {
    const from = await dial(NUMBER['no-answer']);
    const ringing = await waitForEvent('ringing', from);
    const ended = await waitForEvent('disconnect', from, { timeout: 6000 });
    expect(ended.at - ringing.at).toBeGreaterThanOrEqual(2900);
    expect(await namesAfter(from)).toEqual(['dial', 'ringing', 'error 31480', 'disconnect']);
  });

  it('no answer: the caller can give up while it rings', async () => {
    const from = await dial(NUMBER['no-answer']);
    await waitForEvent('ringing', from);
    expect(plan.activeCalls).toBe(1);
    await run('hangup');
    await waitForEvent('disconnect', from);
    expect(await namesAfter(from)).toEqual(['dial', 'ringing', 'disconnect']);
  });

  it('reject: rings, then the callee declines (31486)', async () => {
    const from = await dial(NUMBER.reject);
    await waitForEvent('disconnect', from);
    expect(await namesAfter(from)).toEqual(['dial', 'ringing', 'error 31486', 'disconnect']);
  });

  it('slow answer: rings for the configured time, then opens with an echo', async () => {
    const from = await dial(NUMBER['slow-answer']);
    const ringing = await waitForEvent('ringing', from);
    const accepted = await waitForEvent('accept', from);
    expect(accepted.at - ringing.at).toBeGreaterThanOrEqual(1400);
    await waitForStats((s) => s.packetsReceived > 20);
  });

  it('an unknown number fails like an unreachable one (31404)', async () => {
    const from = await dial('+14155550199');
    await waitForEvent('disconnect', from, { timeout: 5000 });
    expect(await namesAfter(from)).toEqual(['dial', 'error 31404', 'disconnect']);
  });

  it('bad network: the SDK raises quality warnings during the impairment and clears them after', async () => {
    const from = await dial(NUMBER['bad-network']);
    await waitForEvent('accept', from);
    const warning = await waitForEvent('warning', from, { timeout: IMPAIRMENT_MS });
    expect(['high-packet-loss', 'high-jitter', 'high-packets-lost-fraction', 'low-mos']).toContain(warning.data);
    await waitForEvent('warning-cleared', from, { data: warning.data, timeout: 20_000 });
    const raised = (await events())
      .slice(from)
      .filter((e) => e.name === 'warning')
      .map((e) => e.data);
    console.info(`bad network: warnings ${JSON.stringify(raised)}, lost ${(await stats()).packetsLost}`);
    expect(raised).toEqual(expect.arrayContaining(['high-packet-loss', 'high-jitter']));
  }, 40_000);

  it('a call the gateway places (control API) gets server media: echo, digits and messages acknowledged', async () => {
    await run('setAutoAccept', true);
    const from = (await events()).length;
    const { callSid } = await server.gateway.placeCall({ to: 'client:alice', from: '+14155550100' });
    expect(callSid).toMatch(/^CA/);
    expect((await waitForEvent('incoming', from)).data).toBe('+14155550100');
    await waitForEvent('accept', from);
    await waitForStats((s) => s.packetsReceived > 50 && s.receivedEnergy > 0);

    let mark = (await events()).length;
    await run('sendDigits', '7');
    expect((await waitForEvent('messageReceived', mark)).data).toEqual({ type: 'dtmf', digits: '7', via: 'rtp' });
    mark = (await events()).length;
    await run('sendMessage', 'ping');
    expect((await waitForEvent('messageReceived', mark)).data).toEqual({ type: 'echo', content: 'ping' });
    await run('setAutoAccept', false);
    await run('hangup');
  });

  it('kept every request on this machine', () => {
    expect([...hosts].every((h) => h === 'localhost' || h.endsWith('.localhost'))).toBe(true);
  });
});
