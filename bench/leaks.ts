/**
 * 1,000 parcel mount/unmount cycles in Chromium (single-spa mountRootParcel, the project's parcel lifecycles,
 * UI and bus host over a FakeSoftphoneService): live listeners, timers, observers, DOM nodes and the JS heap after a forced
 * GC, against the baseline after a warm-up, plus each cycle's mount → dial pad interactive time.
 * `npx tsx bench/leaks.ts [--quick]`
 */
import { bundlePages, launchBrowser, openPage, startBenchServer, tempDir } from './lib/browser';
import {
  describeGrowth,
  describeRetention,
  heapCensus,
  parcelRecordRetention,
  takeHeapSnapshot,
  type HeapCensus,
} from './lib/heapBreakdown';
import { atMost, judgedOn, metric, runBenchmark, type Metric } from './lib/stats';
import type { Page } from 'playwright-core';
import type { ResourceSnapshot } from './pages/instrument';
import type { CycleVariant, UiBench } from './pages/uiPage';

type W = { uiBench: UiBench };

/** Cycles before the baseline reading. */
const WARMUP_CYCLES = 20;

/**
 * single-spa's mountRootParcel is what most hosts call; a long-lived parcel's (or application's) mountParcel is the
 * path recommended to hosts that mount often; the lifecycles called directly separate our code from single-spa's.
 */
const VARIANTS: readonly CycleVariant[] = ['single-spa', 'single-spa-child', 'lifecycles'];
const LABEL: Record<CycleVariant, string> = {
  'single-spa': 'via mountRootParcel',
  'single-spa-child': "via a host parcel's mountParcel",
  lifecycles: 'lifecycles called directly',
  react: 'bare React root',
  'react-shared-cache': 'bare React root, shared emotion cache',
};

/** Diagnostics flags: `--warmup N`, `--only VARIANT`, `--no-heap-snapshots` (heap readings alone). */
interface LeakOptions {
  warmup: number;
  variants: readonly CycleVariant[];
  heapSnapshots: boolean;
}

function leakOptions(argv: readonly string[] = process.argv.slice(2)): LeakOptions {
  const valueOf = (flag: string): string | undefined => argv[argv.indexOf(flag) + 1];
  const only = argv.includes('--only') ? (valueOf('--only') as CycleVariant) : undefined;
  return {
    warmup: argv.includes('--warmup') ? Number(valueOf('--warmup')) : WARMUP_CYCLES,
    variants: only ? [only] : VARIANTS,
    heapSnapshots: !argv.includes('--no-heap-snapshots'),
  };
}

const MB = 1024 * 1024;

/** "20: 3.10, 270: 3.52, …": JIT code and bytecode in MB at each heap snapshot. */
function codeTrend(censuses: Map<number, HeapCensus>): string {
  return [...censuses.entries()]
    .map(([cycle, census]) => `${cycle}: ${((census.get('JIT code and bytecode')?.bytes ?? 0) / MB).toFixed(2)}`)
    .join(', ');
}

async function cyclesOf(page: Page, variant: CycleVariant, counted: number, options: LeakOptions): Promise<Metric[]> {
  const { warmup } = options;
  const cycles = warmup + counted;
  const every = Math.ceil(counted / 4);
  // A heap snapshot at each reading names what the growth is made of (and shows whether JIT code still grows).
  const censuses = new Map<number, HeapCensus>();
  let retained = '';
  if (options.heapSnapshots)
    await page.exposeFunction('benchHeapCheckpoint', async (cycle: number) => {
      const graph = await takeHeapSnapshot(page);
      censuses.set(cycle, heapCensus(graph));
      if (cycle === cycles) retained = describeRetention(parcelRecordRetention(graph));
    });
  const { snapshots, mountMs, timerSites, listenerDiff } = await page.evaluate(
    ([c, w, e, v]) => (window as unknown as W).uiBench.cycles(c, w, e, v),
    [cycles, warmup, every, variant] as const,
  );
  const base = snapshots[0];
  const last = snapshots[snapshots.length - 1];
  if (!base || !last) throw new Error('no snapshots');
  if (Number.isNaN(last.heapBytes))
    throw new Error('performance.memory/gc() unavailable: Chromium needs --js-flags=--expose-gc');
  const mb = (bytes: number): number => bytes / MB;
  const trend = snapshots.map((s) => `${s.after}: ${mb(s.heapBytes).toFixed(2)}`).join(', ');
  const above = (pick: (s: ResourceSnapshot) => number): number[] =>
    snapshots.slice(1).map((s) => pick(s) - pick(base));
  /** Leak counters are judged on the last snapshot (back to baseline at the end); the samples show the trend. */
  const judgedAtEnd = (m: Metric, samples: number[]): Metric =>
    judgedOn(m, samples[samples.length - 1] ?? Number.NaN, atMost(0), 'last');
  const extra = Object.entries(listenerDiff)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([label, n]) => `${label} +${n}`)
    .join(', ');
  const list = (s: ResourceSnapshot): string =>
    `${s.listeners} listeners, ${s.timeouts} timeouts, ${s.intervals} intervals, ${s.animationFrames} frames, ${s.observers} observers, ${s.domNodes} nodes, ${s.styleElements} <style>`;
  const label = LABEL[variant];
  const baseCensus = censuses.get(warmup);
  const lastCensus = censuses.get(cycles);
  return [
    metric(
      `leaks (${label}): heap growth over ${counted} cycles`,
      'MB',
      [mb(last.heapBytes - base.heapBytes)],
      atMost(2),
      `usedJSHeapSize after ${warmup} warm-up cycles, 4.5 s settle and gc(); MB at cycle: ${trend}` +
        (censuses.size ? `; JIT code and bytecode MB at cycle: ${codeTrend(censuses)}` : '') +
        (baseCensus && lastCensus ? `; ${describeGrowth(baseCensus, lastCensus)}` : '') +
        (retained ? `; ${retained}` : ''),
    ),
    judgedAtEnd(
      metric(
        `leaks (${label}): listeners above baseline`,
        'count',
        above((s) => s.listeners),
        null,
        `judged at the last snapshot (${above((s) => s.listeners).join(', ')} at each); baseline: ${list(base)}; after ${last.after}: ${list(last)}` +
          `${extra ? `; more than at baseline: ${extra}` : ''}`,
      ),
      above((s) => s.listeners),
    ),
    judgedAtEnd(
      metric(
        `leaks (${label}): timers + frames above baseline`,
        'count',
        above((s) => s.timeouts + s.intervals + s.animationFrames),
        null,
        timerSites.length
          ? `pending timeouts created after warm-up, by site: ${timerSites.map(([site, n]) => `${n}× ${site}`).join(' | ')}`
          : undefined,
      ),
      above((s) => s.timeouts + s.intervals + s.animationFrames),
    ),
    judgedAtEnd(
      metric(
        `leaks (${label}): observers + DOM nodes + <style> above baseline`,
        'count',
        above((s) => s.observers + s.domNodes + s.styleElements),
        null,
      ),
      above((s) => s.observers + s.domNodes + s.styleElements),
    ),
    metric(
      `mount → dial pad interactive (${label}, FakeSoftphoneService)`,
      'ms',
      mountMs.slice(warmup),
      atMost(16),
      `source bundle, warm (after ${warmup} warm-up cycles), no SDK or network; first cycle ${mountMs[0]?.toFixed(1)} ms`,
    ),
  ];
}

export async function measureLeaks(quick: boolean): Promise<Metric[]> {
  const staticDir = tempDir('ui');
  await bundlePages(staticDir, [{ entry: 'uiPage.ts', script: 'uiPage.js' }]);
  const server = await startBenchServer(staticDir);
  const session = await launchBrowser();
  try {
    const counted = quick ? 200 : 1000;
    const options = leakOptions();
    const metrics: Metric[] = [];
    for (const variant of options.variants) {
      // A fresh page per variant, so one variant's leftovers are not the next one's baseline.
      const page = await openPage(session.context, `${server.origin}/uiPage.html`, 'uiBench');
      metrics.push(...(await cyclesOf(page, variant, counted, options)));
      await page.close();
    }
    return metrics;
  } finally {
    await session.close();
    await server.close();
  }
}

if (require.main === module) void runBenchmark('parcel mount/unmount leaks', (args) => measureLeaks(args.quick));
