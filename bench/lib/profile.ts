/**
 * CPU profiles through the Chrome DevTools Protocol, summarised as self time per package: for readable page
 * bundles (esbuild's `// path` module comments), the module a sampled function lives in; for built chunks,
 * the script file. The summary says what dominates a measured cost.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { packageOf } from './composition';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Line numbers where each module of a readable esbuild bundle starts. */
function moduleStarts(source: string): Array<{ line: number; module: string }> {
  const starts: Array<{ line: number; module: string }> = [];
  source.split('\n').forEach((text, line) => {
    const marker = /^\s*\/\/ ((?:node_modules|src|bench)\/\S+\.[cm]?[jt]sx?)$/.exec(text);
    if (marker) starts.push({ line, module: marker[1] as string });
  });
  return starts;
}

/** A classifier from (url, line) to a bucket name; reads readable bundles from `staticDirs`. */
export function classifier(staticDirs: readonly string[]): (url: string, line: number) => string {
  const cache = new Map<string, Array<{ line: number; module: string }>>();
  return (url, line) => {
    if (url === '') return '(native/V8 builtins)';
    let pathname: string;
    try {
      pathname = new URL(url).pathname;
    } catch {
      return url;
    }
    if (!cache.has(pathname)) {
      const file = staticDirs.map((d) => path.join(d, pathname)).find((f) => existsSync(f));
      cache.set(pathname, file ? moduleStarts(readFileSync(file, 'utf8')) : []);
    }
    const starts = cache.get(pathname) ?? [];
    let found: string | null = null;
    for (const start of starts) {
      if (start.line > line) break;
      found = start.module;
    }
    if (found === null) return path.basename(pathname);
    const pkg = packageOf(found);
    return found.startsWith('bench/') ? 'bench harness' : pkg;
  };
}

/** Self time (ms) per bucket of a profile. */
export function selfTimeBy(profile: CpuProfile, bucketOf: (url: string, line: number) => string): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    // (program) is time in the browser's own C++ on this thread (DOM, WebRTC bindings), outside any JS function.
    const bucket =
      functionName === '(program)'
        ? '(program: browser internals)'
        : functionName.startsWith('(')
          ? functionName
          : bucketOf(url, lineNumber);
    totals.set(bucket, (totals.get(bucket) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  totals.delete('(idle)');
  return totals;
}

export function describeShares(totals: Map<string, number>, count = 6): string {
  const sum = [...totals.values()].reduce((a, b) => a + b, 0);
  if (sum === 0) return 'no samples';
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => `${name} ${((100 * ms) / sum).toFixed(0)}%`)
    .join(', ');
}

/** Coarse groups answering "how much is MUI/emotion, how much React, how much ours". */
export function groupOf(bucket: string): string {
  if (
    /^(@mui\/|@emotion\/|stylis|clsx|react-transition-group|@popperjs|hoist-non-react-statics|@babel\/runtime)/.test(
      bucket,
    )
  )
    return 'MUI + emotion';
  if (/^(react|react-dom|scheduler)$/.test(bucket) || /^react-dom/.test(bucket)) return 'React';
  if (bucket.startsWith('src/')) return 'ours (src/)';
  if (bucket === '@twilio/voice-sdk') return 'Voice SDK';
  if (bucket.startsWith('(program')) return 'browser internals (style, layout, DOM)';
  if (bucket.startsWith('(native')) return 'V8 builtins';
  if (bucket === '(garbage collector)') return 'GC';
  return 'other libraries';
}

export function grouped(totals: Map<string, number>): Map<string, number> {
  const groups = new Map<string, number>();
  for (const [bucket, ms] of totals) groups.set(groupOf(bucket), (groups.get(groupOf(bucket)) ?? 0) + ms);
  return groups;
}

/** Profiles the page's main thread while `action` runs. */
export async function profileRaw<T>(
  page: Page,
  action: () => Promise<T>,
  intervalUs = 100,
): Promise<{ result: T; profile: CpuProfile }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
    await cdp.send('Profiler.start');
    const result = await action();
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    await cdp.send('Profiler.disable');
    return { result, profile };
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Shares of self time while `action` runs, e.g. "zod 40%, src/bus 20%, ..." (with `groups`: grouped first). */
export async function profileDuring(
  page: Page,
  action: () => Promise<unknown>,
  staticDirs: readonly string[] = [],
  groups = false,
): Promise<string> {
  const { profile } = await profileRaw(page, action);
  const totals = selfTimeBy(profile, classifier(staticDirs));
  const top = describeShares(totals);
  return groups ? `${describeShares(grouped(totals), 8)}; top packages: ${top}` : top;
}
