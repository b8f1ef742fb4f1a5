/**
 * React renders per second of the real SoftphoneApp during an open call with 20 Hz volume samples, counted
 * per UI section with the app's `onRender` Profiler diagnostics, in Chromium (React's production profiling build). `npx tsx bench/renders.ts [--quick]`
 */
import { bundlePages, launchBrowser, openPage, REACT_PROFILING_ALIAS, startBenchServer, tempDir } from './lib/browser';
import { atMost, metric, runBenchmark, type Metric } from './lib/stats';
import type { UiBench } from './pages/uiPage';

type W = { uiBench: UiBench };
const METERS = ['mic-meter', 'call-input-meter', 'call-output-meter'];
const TIMER = 'call-timer';

export async function measureRenders(quick: boolean): Promise<Metric[]> {
  const staticDir = tempDir('renders');
  await bundlePages(staticDir, [{ entry: 'uiPage.ts', script: 'uiPage.js', alias: REACT_PROFILING_ALIAS }]);
  const server = await startBenchServer(staticDir);
  const session = await launchBrowser();
  try {
    const page = await openPage(session.context, `${server.origin}/uiPage.html`, 'uiBench');
    const windows = quick ? 1 : 3;
    const seconds = quick ? 3 : 5;
    const meters: number[] = [];
    const others: number[] = [];
    const timer: number[] = [];
    const seen = new Map<string, number[]>();
    for (let w = 0; w < windows; w += 1) {
      const { counts, elapsedS, samples } = await page.evaluate(
        ([s, hz]) => (window as unknown as W).uiBench.renders(s, hz),
        [seconds, 20] as const,
      );
      const rate = (id: string): number => (counts[id] ?? 0) / elapsedS;
      meters.push(Math.max(...METERS.map(rate)));
      timer.push(rate(TIMER));
      others.push(
        Object.keys(counts)
          .filter((id) => !METERS.includes(id) && id !== TIMER)
          .reduce((sum, id) => sum + rate(id), 0),
      );
      for (const [id, n] of Object.entries(counts)) seen.set(id, [...(seen.get(id) ?? []), n / elapsedS]);
      if (samples < seconds * 20) throw new Error(`only ${samples} volume samples were pushed`);
    }
    const perSection = [...seen.entries()]
      .map(([id, rates]) => `${id} ${(rates.reduce((a, b) => a + b, 0) / rates.length).toFixed(1)}/s`)
      .join(', ');
    return [
      metric(
        'renders: busiest meter section',
        'renders/s',
        meters,
        atMost(20),
        `${windows} windows of ${seconds} s at 20 Hz; per section: ${perSection}`,
      ),
      metric(
        'renders: all other sections except the call timer',
        'renders/s',
        others,
        atMost(0),
        'header, dial pad, call body, errors, announcer, ...',
      ),
      metric(
        'renders: call timer',
        'renders/s',
        timer,
        atMost(1),
        'the elapsed-time display ticks once a second by design',
      ),
    ];
  } finally {
    await session.close();
    await server.close();
  }
}

if (require.main === module) void runBenchmark('React renders during a call', (args) => measureRenders(args.quick));
