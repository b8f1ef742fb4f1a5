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
  type HeapGraph,
} from './lib/heapBreakdown';
import { atMost, judgedOn, metric, runBenchmark, type Metric } from './lib/stats';
import type { Page } from 'playwright-core';
import type { ResourceSnapshot } from './pages/instrument';
import type { CycleVariant, UiBench } from './pages/uiPage';

type W = { uiBench: UiBench };

/**
 * Cycles before the baseline reading. V8 keeps compiling the mount path's code for about 1,000 cycles (measured
 * 2026-12-01: JIT code and bytecode 3.40 MB after 20 cycles, 4.36 after 520, 4.42 after 1,020, then +0.05 MB over
 * the next 1,000; the same plateau, 4.4–4.5 MB, on every path). That growth is bounded, not a per-cycle leak, so
 * the baseline is read once it has flattened; each run's note shows the JIT trend, so a warm-up that no longer
 * reaches the plateau is visible. `--quick` is a smoke run: its short warm-up still counts JIT growth.
 */
const WARMUP_CYCLES = { full: 1000, quick: 100 };
/** The mount-time metric keeps its own window (cycles 21 to `counted`), as before the longer heap warm-up. */
const MOUNT_WARMUP_CYCLES = 20;

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

/** Diagnostics flags: `--warmup N`, `--variant NAME`, `--no-heap-snapshots` (heap readings alone). */
interface LeakOptions {
  warmup: number;
  variants: readonly CycleVariant[];
  heapSnapshots: boolean;
}

function leakOptions(quick: boolean, argv: readonly string[] = process.argv.slice(2)): LeakOptions {
  const valueOf = (flag: string): string | undefined => argv[argv.indexOf(flag) + 1];
  const only = argv.includes('--variant') ? (valueOf('--variant') as CycleVariant) : undefined;
  return {
    warmup: argv.includes('--warmup') ? Number(valueOf('--warmup')) : WARMUP_CYCLES[quick ? 'quick' : 'full'],
    variants: only ? [only] : VARIANTS,
    heapSnapshots: !argv.includes('--no-heap-snapshots'),
  };
}

const MB = 1024 * 1024;

/**
 * DOM nodes the heap snapshot marks detached (`detachedness` 2): a root still reachable after unmount keeps its whole
 * detached tree, hundreds of nodes. Both the snapshot's GC and the page's reading (instrument.ts, a full GC in a
 * task of its own) run with no JS stack below them, so a reading above baseline with no detached tree is not a root.
 */
function detachedDomNodes(graph: HeapGraph): number {
  const fields = graph.raw.snapshot.meta.node_fields;
  const at = fields.indexOf('detachedness');
  if (at < 0) return Number.NaN;
  let count = 0;
  for (let n = 0; n < graph.nodeCount; n += 1) if (graph.raw.nodes[n * fields.length + at] === 2) count += 1;
  return count;
}

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
  const detached = new Map<number, number>();
  let retained = '';
  if (options.heapSnapshots)
    await page.exposeFunction('benchHeapCheckpoint', async (cycle: number) => {
      const graph = await takeHeapSnapshot(page);
      censuses.set(cycle, heapCensus(graph));
      detached.set(cycle, detachedDomNodes(graph));
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
      `usedJSHeapSize after ${warmup} warm-up cycles (V8's JIT code for the mount path has flattened by 1,000), ` +
        `4.5 s settle and gc(); MB at cycle: ${trend}` +
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
          (detached.size
            ? `; detached DOM nodes in the heap snapshot after each reading: ${[...detached].map(([c, n]) => `${c}: ${n}`).join(', ')}`
            : '') +
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
      mountMs.slice(MOUNT_WARMUP_CYCLES, counted),
      atMost(16),
      `source bundle, cycles ${MOUNT_WARMUP_CYCLES + 1}–${counted} (after ${MOUNT_WARMUP_CYCLES} warm-up cycles), no SDK or network; first cycle ${mountMs[0]?.toFixed(1)} ms`,
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
    const options = leakOptions(quick);
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
