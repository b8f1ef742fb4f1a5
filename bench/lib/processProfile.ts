/**
 * CPU profile of this Node process (the gateway runs in it) through node:inspector, summarised as self time per
 * function and per package: what the server spends a measured cost on.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** `node_modules/werift/lib/rtp/src/srtp/x.js` → `werift rtp/src/srtp/x.js`; our files relative to the repo. */
function shortUrl(url: string): string {
  if (url === '') return '(native)';
  const file = url.replace(/^file:\/\//, '');
  const nm = file.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = file.slice(nm + 'node_modules/'.length).split('/');
    const pkgLength = rest[0]?.startsWith('@') ? 2 : 1;
    const pkg = rest.slice(0, pkgLength).join('/');
    return `${pkg} ${rest
      .slice(pkgLength)
      .join('/')
      .replace(/^lib\//, '')}`;
  }
  return path.relative(process.cwd(), file) || file;
}

function packageOfUrl(url: string): string {
  const short = shortUrl(url);
  if (short.startsWith('(')) return short;
  if (short.startsWith('node:') || !short.includes('/')) return 'node internals';
  return short.includes(' ') ? (short.split(' ')[0] as string) : short.split('/')[0] === 'server' ? 'server/' : short;
}

function selfTimes(profile: CpuProfile, keyOf: (node: ProfileNode) => string): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const key = keyOf(node);
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  totals.delete('(idle)');
  return totals;
}

function top(totals: Map<string, number>, count: number): string {
  const sum = [...totals.values()].reduce((a, b) => a + b, 0);
  if (sum === 0) return 'no samples';
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => `${name} ${((100 * ms) / sum).toFixed(1)}%`)
    .join(', ');
}

export interface ProcessProfileSummary {
  /** Busy (non-idle) ms sampled. */
  busyMs: number;
  byFunction: string;
  byPackage: string;
}

/** Profiles this process while `action` runs (sampling every `intervalUs`). */
export async function profileProcess<T>(
  action: () => Promise<T>,
  intervalUs = 200,
): Promise<{ result: T; summary: ProcessProfileSummary }> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: intervalUs });
    await session.post('Profiler.start');
    const result = await action();
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    // BENCH_CPU_PROFILE=file.cpuprofile keeps the raw profile (open it in Chrome DevTools).
    const keep = process.env['BENCH_CPU_PROFILE'];
    if (keep) writeFileSync(keep, JSON.stringify(profile));
    const isSpecial = (n: ProfileNode): boolean => n.callFrame.functionName.startsWith('(');
    const byFunction = selfTimes(profile, (n) =>
      isSpecial(n)
        ? n.callFrame.functionName
        : `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`,
    );
    const byPackage = selfTimes(profile, (n) =>
      isSpecial(n) ? n.callFrame.functionName : packageOfUrl(n.callFrame.url),
    );
    const busyMs = [...byPackage.values()].reduce((a, b) => a + b, 0);
    return { result, summary: { busyMs, byFunction: top(byFunction, 15), byPackage: top(byPackage, 8) } };
  } finally {
    session.disconnect();
  }
}
