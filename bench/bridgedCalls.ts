/**
 * Server-anchored media (design §4): every call leg ends on a werift peer in the gateway, a client call is a bridge.
 *  - dial → open, client to client: connect() until the caller's `accept` (the callee auto-accepts), both Devices in
 *    one Chromium page; beside it, in the same run and page, the floor: two bare RTCPeerConnections connecting on
 *    loopback (candidates trickled across, both `connected`). The ratio is judged (goal ≤ 3×).
 *  - CPU per bridged call: the server process's CPU while N bridged calls carry audio for a while, minus the same
 *    time idle, per call, as % of one core; concurrent bridged calls per core = 100 % / that.
 * `npx tsx bench/bridgedCalls.ts [--quick]`
 */
import type { Page } from 'playwright-core';
import { bundleMediaHarness } from '../test/integration/support/harnessPages';
import { launchBrowser, openPage, startBenchServer } from './lib/browser';
import { atMost, median, metric, runBenchmark, type Metric } from './lib/stats';
import type { MediaHarness } from '../test/integration/support/mediaHarness';

type W = { harness: MediaHarness };

/** CPU of this process (it hosts the gateway; the page is idle meanwhile) over `ms`, in ms. */
async function cpuDuring(ms: number): Promise<number> {
  const start = process.cpuUsage();
  await new Promise((r) => setTimeout(r, ms));
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

async function dialAndFloor(page: Page, runs: number): Promise<{ dial: number[]; floor: number[] }> {
  const dial: number[] = [];
  const floor: number[] = [];
  const callOnce = () => page.evaluate(() => (window as unknown as W).harness.callOnce('a0', 'b0'));
  const bare = () => page.evaluate(() => (window as unknown as W).harness.bareConnect());
  await callOnce(); // warm-up: getUserMedia, SDK code paths, JIT
  await bare();
  for (let i = 0; i < runs; i++) {
    floor.push(await bare());
    dial.push((await callOnce()).openMs);
  }
  return { dial, floor };
}

async function cpuPerBridgedCall(page: Page, pairs: number, holdMs: number): Promise<number[]> {
  const idle = await cpuDuring(holdMs);
  for (let i = 0; i < pairs; i++)
    await page.evaluate((n) => (window as unknown as W).harness.holdCall(`a${n}`, `client:b${n}`), i);
  const busy = await cpuDuring(holdMs);
  await page.evaluate(() => (window as unknown as W).harness.reset());
  return [(100 * (busy - idle)) / holdMs / pairs];
}

export async function measureBridgedCalls(quick: boolean): Promise<Metric[]> {
  const server = await startBenchServer(await bundleMediaHarness());
  const session = await launchBrowser();
  try {
    const page = await openPage(session.context, `${server.origin}/`, 'harness');
    const pairs = quick ? 3 : 6;
    for (let i = 0; i < pairs; i++)
      await page.evaluate(async (n) => {
        const harness = (window as unknown as W).harness;
        await Promise.all([harness.start(`a${n}`), harness.start(`b${n}`)]);
        harness.setAutoAccept(`b${n}`);
      }, i);
    const { dial, floor } = await dialAndFloor(page, quick ? 8 : 20);
    const ratio = median(dial) / median(floor);
    const perCall = await cpuPerBridgedCall(page, pairs, quick ? 5000 : 10_000);
    const perCore = perCall.map((pct) => (pct > 0 ? 100 / pct : Number.POSITIVE_INFINITY));
    return [
      metric(
        'dial → open, client to client (bridged)',
        'ms',
        dial,
        null,
        "connect() until the caller's accept; the caller is answered once both server legs' media is up (answerOnBridge)",
      ),
      metric(
        'floor: two bare RTCPeerConnections',
        'ms',
        floor,
        null,
        'same page, same run: offer/answer with candidates trickled across, until both connected',
      ),
      metric('dial → open ÷ floor', '×', [ratio], atMost(3)),
      metric(
        'gateway CPU per bridged call',
        '% core',
        perCall,
        null,
        `${pairs} calls held with audio both ways; server process CPU minus idle, per call`,
      ),
      metric(
        'bridged calls per core',
        'calls',
        perCore,
        null,
        '100 % of one core ÷ CPU per bridged call (RTP forwarding, SRTP, ICE consent)',
      ),
    ];
  } finally {
    await session.close();
    await server.close();
  }
}

if (require.main === module)
  void runBenchmark('Bridged calls (server-anchored media)', ({ quick }) => measureBridgedCalls(quick));
