/**
 * Server-anchored media (design §4): every call leg ends on a werift peer in the gateway, a client call is a bridge.
 *  - dial → open, client to client: connect() until the caller's `accept` (the callee auto-accepts), both Devices in
 *    one Chromium page; beside it, in the same run and page, the floor: two bare RTCPeerConnections connecting on
 *    loopback (candidates trickled across, both `connected`). The ratio is judged (goal ≤ 3×).
 *  - CPU per bridged call: the server process's CPU while N bridged calls carry audio for a while (after a warm-up
 *    hold, `--warm-up MS`, default 8 s quick, 10 s full; 0: measured from the first packet), minus the same
 *    time idle, per call, as % of one core; concurrent bridged calls per core = 100 % / that.
 * `npx tsx bench/bridgedCalls.ts [--quick]`
 */
import type { Page } from 'playwright-core';
import { bundleMediaHarness } from '../test/integration/support/harnessPages';
import { openServerPeers } from '../server/media';
import { launchBrowser, openPage, startBenchServer } from './lib/browser';
import { profileProcess, type ProcessProfileSummary } from './lib/processProfile';
import { atLeast, median, metric, runBenchmark, type Metric } from './lib/stats';
import { udpRelayFloor } from './lib/udpFloor';
import type { MediaHarness } from '../test/integration/support/mediaHarness';

type W = { harness: MediaHarness };

/** CPU of this process (it hosts the gateway; the page is idle meanwhile) over `ms`, in ms. */
async function cpuDuring(ms: number): Promise<number> {
  const start = process.cpuUsage();
  await new Promise((r) => setTimeout(r, ms));
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

/** SRTP/SRTCP packets all server peers sent and received so far. */
function packetTotals(): { sent: number; received: number } {
  return openServerPeers().reduce(
    (sum, peer) => ({ sent: sum.sent + peer.packetCounts.sent, received: sum.received + peer.packetCounts.received }),
    { sent: 0, received: 0 },
  );
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

/**
 * CPU per call while `pairs` bridged calls carry audio (minus the same time idle), then, still holding them, a CPU
 * profile of the gateway process (after the measurement: the profiler's own cost stays out of the figure).
 */
async function cpuPerBridgedCall(
  page: Page,
  pairs: number,
  holdMs: number,
  warmUpMs: number,
): Promise<{
  perCall: number[];
  profile: ProcessProfileSummary;
  packetsPerCallSecond: number;
  microsPerPacket: number;
  warmUpMs: number;
}> {
  const idle = await cpuDuring(holdMs);
  for (let i = 0; i < pairs; i++)
    await page.evaluate((n) => (window as unknown as W).harness.holdCall(`a${n}`, `client:b${n}`), i);
  // The packet path's functions reach V8's optimising tier only after some thousands of packets: measured from the
  // first packet, a 5 s window ran partly in baseline code with TurboFan compiling beside it (2× the steady state's
  // CPU per packet in a quick run). A gateway carries calls for hours: the figure is its steady state.
  await new Promise((r) => setTimeout(r, warmUpMs));
  const before = packetTotals();
  const busy = await cpuDuring(holdMs);
  const after = packetTotals();
  const packetsPerSecond = ((after.sent - before.sent + after.received - before.received) * 1000) / holdMs;
  const { summary } = await profileProcess(() => cpuDuring(Math.min(holdMs, 5000)));
  await page.evaluate(() => (window as unknown as W).harness.reset());
  const cpuMsPerSecond = ((busy - idle) * 1000) / holdMs;
  return {
    perCall: [(100 * (busy - idle)) / holdMs / pairs],
    profile: summary,
    packetsPerCallSecond: packetsPerSecond / pairs,
    microsPerPacket: (1000 * cpuMsPerSecond) / packetsPerSecond,
    warmUpMs,
  };
}

/** `--NAME N`: a non-negative integer option, or null. */
function intArg(name: string): number | null {
  const i = process.argv.indexOf(name);
  const n = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/**
 * CPU per call, calls per core (issue 18: ≥ 100), and the UDP floor beside them: a relayed datagram is one receive and
 * one send in the relaying process, so half its cost is the floor of one packet the gateway sends or receives.
 */
function mediaCostMetrics(
  pairs: number,
  held: Awaited<ReturnType<typeof cpuPerBridgedCall>>,
  floorMicrosPerPacket: number,
): Metric[] {
  const { perCall, profile, packetsPerCallSecond, microsPerPacket, warmUpMs } = held;
  const perCore = perCall.map((pct) => (pct > 0 ? 100 / pct : Number.POSITIVE_INFINITY));
  const callsAtFloor = 1e6 / (packetsPerCallSecond * floorMicrosPerPacket);
  return [
    metric(
      'gateway CPU per bridged call',
      '% core',
      perCall,
      null,
      `${pairs} calls held with audio both ways, measured after ${warmUpMs / 1000} s held (JIT tier-up); server process CPU minus idle, per call; ${packetsPerCallSecond.toFixed(0)} packets/s per call sent + received by the server peers, ${microsPerPacket.toFixed(1)} µs CPU per packet`,
    ),
    metric(
      'bridged calls per core',
      'calls',
      perCore,
      atLeast(100),
      `100 % of one core ÷ CPU per bridged call (RTP forwarding, SRTP, ICE consent); gateway process CPU while held, by what the stack is doing: ${profile.byArea}; self time by package: ${profile.byPackage}; top functions: ${profile.byFunction}`,
    ),
    metric(
      'floor: bare UDP, µs per packet sent or received',
      'µs',
      [floorMicrosPerPacket],
      null,
      `same process, same run: loopback datagrams from 20 ms streams in a child process relayed back to it at the calls' forwarding rate (${((pairs * packetsPerCallSecond) / 2).toFixed(0)}/s); this process's CPU minus idle ÷ 2 per relayed datagram (one receive, one send)`,
    ),
    metric('gateway µs per packet ÷ bare UDP floor', '×', [microsPerPacket / floorMicrosPerPacket], null),
    metric(
      'bridged calls per core at the bare UDP floor',
      'calls',
      [callsAtFloor],
      null,
      `a call's ${packetsPerCallSecond.toFixed(0)} packets/s at the floor's cost each: what one core could carry if SRTP, RTP and WebRTC cost nothing`,
    ),
  ];
}

export async function measureBridgedCalls(quick: boolean): Promise<Metric[]> {
  const server = await startBenchServer(await bundleMediaHarness());
  const session = await launchBrowser();
  try {
    const page = await openPage(session.context, `${server.origin}/`, 'harness');
    // `--pairs N`: how many bridged calls to hold.
    const pairs = intArg('--pairs') || (quick ? 3 : 6);
    // The product's local-mode Device options (src/voice/config.ts): no insights posts. With them on, each call's
    // samples went through Playwright's request interception in this process, which hosts the gateway, and counted
    // as gateway CPU (2–18 % of it).
    await page.evaluate(() => (window as unknown as W).harness.setDeviceOptions({ publishEvents: false }));
    for (let i = 0; i < pairs; i++)
      await page.evaluate(async (n) => {
        const harness = (window as unknown as W).harness;
        await Promise.all([harness.start(`a${n}`), harness.start(`b${n}`)]);
        harness.setAutoAccept(`b${n}`);
      }, i);
    const { dial, floor } = await dialAndFloor(page, quick ? 8 : 20);
    const held = await cpuPerBridgedCall(
      page,
      pairs,
      quick ? 5000 : 10_000,
      intArg('--warm-up') ?? (quick ? 8000 : 10_000),
    );
    // The same forwarding volume as bare UDP relaying, in this process, once the calls are gone.
    const relay = await udpRelayFloor((pairs * held.packetsPerCallSecond) / 2, quick ? 3000 : 5000);
    return [
      // Reported beside the judged figure (bench/dial.ts: the product's service on two pages): the bare SDK with
      // /client-config's options plus the product's local-mode publishEvents false, all Devices in one page.
      metric(
        'dial → open, bare SDK, all Devices in one page',
        'ms',
        dial,
        null,
        "connect() until the caller's accept (Device options: /client-config's, publishEvents false as the product's local mode); the caller is answered when the callee answers (answerOnBridge)",
      ),
      metric('floor: two bare RTCPeerConnections (same page)', 'ms', floor, null),
      metric('bare-SDK dial → open ÷ floor', '×', [median(dial) / median(floor)], null),
      ...mediaCostMetrics(pairs, held, relay.microsPerPacket / 2),
    ];
  } finally {
    await session.close();
    await server.close();
  }
}

if (require.main === module)
  void runBenchmark('Bridged calls (server-anchored media)', ({ quick }) => measureBridgedCalls(quick));
