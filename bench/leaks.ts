/**
 * 1,000 parcel mount/unmount cycles in Chromium (single-spa mountRootParcel, the project's parcel lifecycles,
 * UI and bus host over a BenchService): live listeners, timers, observers, DOM nodes and the JS heap after a forced
 * GC, against the baseline after a warm-up, plus each cycle's mount → dial pad interactive time.
 * `npx tsx bench/leaks.ts [--quick]`
 */
import { bundlePages, launchBrowser, openPage, startBenchServer, tempDir } from './lib/browser';
import { atMost, metric, runBenchmark, type Metric } from './lib/stats';
import type { Page } from 'playwright-core';
import type { ResourceSnapshot } from './pages/instrument';
import type { CycleVariant, UiBench } from './pages/ui-page';

type W = { uiBench: UiBench };

/** single-spa's mountRootParcel is what hosts call; the lifecycles called directly separate our code from single-spa's. */
const VARIANTS: readonly CycleVariant[] = ['single-spa', 'lifecycles'];
const LABEL: Record<CycleVariant, string> = { 'single-spa': 'via mountRootParcel', lifecycles: 'lifecycles called directly', react: 'bare React root' };

async function cyclesOf(page: Page, variant: CycleVariant, cycles: number): Promise<Metric[]> {
  const warmup = 20;
  const every = Math.ceil((cycles - warmup) / 4);
  const { snapshots, mountMs, timerSites } = await page.evaluate(([c, w, e, v]) => (window as unknown as W).uiBench.cycles(c, w, e, v), [cycles, warmup, every, variant] as const);
  const base = snapshots[0];
  const last = snapshots[snapshots.length - 1];
  if (!base || !last) throw new Error('no snapshots');
  if (Number.isNaN(last.heapBytes)) throw new Error('performance.memory/gc() unavailable: Chromium needs --js-flags=--expose-gc');
  const mb = (bytes: number): number => bytes / (1024 * 1024);
  const trend = snapshots.map((s) => `${s.after}: ${mb(s.heapBytes).toFixed(2)}`).join(', ');
  const above = (pick: (s: ResourceSnapshot) => number): number[] => snapshots.slice(1).map((s) => pick(s) - pick(base));
  const list = (s: ResourceSnapshot): string =>
    `${s.listeners} listeners, ${s.timeouts} timeouts, ${s.intervals} intervals, ${s.animationFrames} frames, ${s.observers} observers, ${s.domNodes} nodes, ${s.styleElements} <style>`;
  const label = LABEL[variant];
  return [
    metric(`leaks (${label}): heap growth over ${cycles} cycles`, 'MB', [mb(last.heapBytes - base.heapBytes)], atMost(2),
      `usedJSHeapSize after ${warmup} warm-up cycles, 4.5 s settle and gc(); MB at cycle: ${trend}`),
    metric(`leaks (${label}): listeners above baseline`, 'count', above((s) => s.listeners), atMost(0),
      `one sample per snapshot; baseline: ${list(base)}; after ${last.after}: ${list(last)}`),
    metric(`leaks (${label}): timers + frames above baseline`, 'count', above((s) => s.timeouts + s.intervals + s.animationFrames), atMost(0),
      timerSites.length ? `pending timeouts created after warm-up, by site: ${timerSites.map(([site, n]) => `${n}× ${site}`).join(' | ')}` : undefined),
    metric(`leaks (${label}): observers + DOM nodes + <style> above baseline`, 'count', above((s) => s.observers + s.domNodes + s.styleElements), atMost(0)),
    metric(`mount → dial pad interactive (${label}, BenchService)`, 'ms', mountMs.slice(warmup), atMost(16),
      `source bundle, warm (after ${warmup} warm-up cycles), no SDK or network; first cycle ${mountMs[0]?.toFixed(1)} ms`),
  ];
}

export async function measureLeaks(quick: boolean): Promise<Metric[]> {
  const staticDir = tempDir('ui');
  await bundlePages(staticDir, [{ entry: 'ui-page.ts', script: 'ui-page.js' }]);
  const server = await startBenchServer(staticDir);
  const session = await launchBrowser();
  try {
    const page = await openPage(session.context, `${server.origin}/ui-page.html`, 'uiBench');
    const cycles = quick ? 200 : 1000;
    const metrics: Metric[] = [];
    for (const variant of VARIANTS) metrics.push(...(await cyclesOf(page, variant, cycles)));
    return metrics;
  } finally {
    await session.close();
    await server.close();
  }
}

if (require.main === module) void runBenchmark('parcel mount/unmount leaks', (args) => measureLeaks(args.quick));
