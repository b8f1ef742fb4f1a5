/**
 * How well a Node process's event loop kept up over an interval: its delay (p99, max; sampled every 1 ms) and the
 * GC pauses (count, total, longest). A latency spike with a matching loop delay says the process, not the
 * network, was late; with a matching GC pause, which kind of pause it was.
 */
import { monitorEventLoopDelay, PerformanceObserver, type IntervalHistogram } from 'node:perf_hooks';

export interface LoopHealth {
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  gcCount: number;
  gcTotalMs: number;
  gcMaxMs: number;
  /** Pauses of 5 ms or more, by kind (minor = scavenge, major = mark-compact, …). */
  longGcByKind: Record<string, number>;
}

const GC_KINDS: Record<number, string> = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weakcb' };

export function watchLoopHealth(): { take(): LoopHealth; stop(): void } {
  const delay: IntervalHistogram = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  let gc = { count: 0, total: 0, max: 0, long: {} as Record<string, number> };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count += 1;
      gc.total += entry.duration;
      gc.max = Math.max(gc.max, entry.duration);
      const kind = GC_KINDS[(entry as { detail?: { kind?: number } }).detail?.kind ?? 0] ?? 'other';
      if (entry.duration >= 5) gc.long[kind] = (gc.long[kind] ?? 0) + 1;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    /** What happened since the last take (or the start), then starts a new interval. */
    take: () => {
      const health: LoopHealth = {
        loopDelayP99Ms: delay.percentile(99) / 1e6,
        loopDelayMaxMs: delay.max / 1e6,
        gcCount: gc.count,
        gcTotalMs: gc.total,
        gcMaxMs: gc.max,
        longGcByKind: gc.long,
      };
      delay.reset();
      gc = { count: 0, total: 0, max: 0, long: {} };
      return health;
    },
    stop: () => {
      delay.disable();
      observer.disconnect();
    },
  };
}

export function describeHealth(h: LoopHealth): string {
  const long = Object.entries(h.longGcByKind)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
  return (
    `loop delay p99 ${h.loopDelayP99Ms.toFixed(1)} ms, max ${h.loopDelayMaxMs.toFixed(1)} ms; ` +
    `GC ${h.gcCount} pauses, ${h.gcTotalMs.toFixed(0)} ms in all, longest ${h.gcMaxMs.toFixed(1)} ms${long ? ` (≥ 5 ms: ${long})` : ''}`
  );
}
