/**
 * The cross-app bus in Chromium: command → reply round trip and commands per second from a DOM-only sender
 * against a real bus host (service: FakeSoftphoneService, so only the bus is measured), and state fan-out to 100
 * subscribers. performance.now() is coarsened to 100 µs in a page that is not cross-origin isolated, so each
 * sample is the mean over a batch of sequential operations. `npx tsx bench/bus.ts [--quick]`
 */
import { bundlePages, launchBrowser, openPage, startBenchServer, tempDir } from './lib/browser';
import { profileDuring } from './lib/profile';
import { ratioMetric } from './lib/ratio';
import { atLeast, atMost, metric, runBenchmark, type Metric } from './lib/stats';
import type { BusBench } from './pages/busPage';

type W = { busBench: BusBench };

export async function measureBus(quick: boolean): Promise<Metric[]> {
  const dir = tempDir('bus');
  await bundlePages(dir, [{ entry: 'busPage.ts', script: 'busPage.js' }]);
  const server = await startBenchServer(dir);
  const session = await launchBrowser();
  try {
    const page = await openPage(session.context, `${server.origin}/busPage.html`, 'busBench');
    // Warm-up: JIT, zod schema caches.
    await page.evaluate(() => (window as unknown as W).busBench.roundTrips(2, 2000));
    const batches = quick ? 20 : 100;
    const roundTrips = await page.evaluate(
      (b) => (window as unknown as W).busBench.roundTripsWithBaseline(b, 1000),
      batches,
    );
    const runs = quick ? 2 : 5;
    const perRun = quick ? 20_000 : 100_000;
    const rates: number[] = [];
    for (let r = 0; r < runs; r += 1) {
      rates.push(await page.evaluate((n) => (window as unknown as W).busBench.throughput(n, 64), perRun));
    }
    const profile = await profileDuring(
      page,
      () => page.evaluate(() => (window as unknown as W).busBench.roundTrips(5, 1000)),
      [dir],
    );

    const fanBatches = quick ? 10 : 50;
    // Bus and bare batches in turn, so both see the same machine load.
    const viaBus = { samples: [] as number[], synchronous: true };
    const bare: number[] = [];
    for (let b = 0; b < fanBatches; b += 5) {
      bare.push(...(await page.evaluate(() => (window as unknown as W).busBench.bareFanOut(100, 5, 20))));
      const run = await page.evaluate(() => (window as unknown as W).busBench.fanOut('bus', 100, 5, 20));
      viaBus.samples.push(...run.samples);
      viaBus.synchronous &&= run.synchronous;
    }
    const viaService = await page.evaluate(
      (b) => (window as unknown as W).busBench.fanOut('service', 100, b, 20),
      fanBatches,
    );
    const fanProfile = await profileDuring(
      page,
      () => page.evaluate(() => (window as unknown as W).busBench.fanOut('bus', 100, 5, 20)),
      [dir],
    );
    return [
      ratioMetric({
        name: 'bus: command → reply round trip',
        unit: 'µs',
        samples: roundTrips.bus,
        baseline: { name: 'bare CustomEvent request → reply', samples: roundTrips.bare },
        goal: atMost(3),
        note: `sample = mean of 1,000 sequential 'register' commands (${batches * 1000} in all), batches alternating with the baseline's; CPU profile: ${profile}`,
      }),
      metric(
        'bus: commands per second',
        'cmd/s',
        rates,
        atLeast(50_000),
        `${runs} runs × ${perRun.toLocaleString('en-US')} commands, 64 in flight`,
      ),
      ratioMetric({
        name: 'bus: state fan-out to 100 bus clients',
        unit: 'µs',
        samples: viaBus.samples,
        baseline: { name: '100 bare CustomEvent listeners', samples: bare },
        goal: atMost(2),
        note: `service change → 100th createSoftphoneClient subscriber; sample = mean of 20 changes; delivery ${viaBus.synchronous ? 'synchronous' : 'asynchronous'}; CPU profile: ${fanProfile}`,
      }),
      metric(
        'bus: state fan-out to 100 state$ subscribers',
        'µs',
        viaService.samples,
        null,
        'baseline: 100 direct subscribers of the service state$ (same page, same run)',
      ),
    ];
  } finally {
    await session.close();
    await server.close();
  }
}

if (require.main === module) void runBenchmark('bus', (args) => measureBus(args.quick));
