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
  children?: number[];
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

/** Nodes under the inspector's own calls (stopping the profiler serialises it on this thread): not the workload. */
function profilerOwnNodes(profile: CpuProfile): Set<number> {
  const own = new Set<number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const mark = (id: number): void => {
    own.add(id);
    for (const child of byId.get(id)?.children ?? []) mark(child);
  };
  for (const node of profile.nodes) if (node.callFrame.url === 'node:inspector') mark(node.id);
  return own;
}

function selfTimes(profile: CpuProfile, keyOf: (node: ProfileNode) => string): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const own = profilerOwnNodes(profile);
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node || own.has(id)) return;
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

/**
 * Where the time goes, by what a sample's stack is doing (the area of its innermost frame that has one): a
 * self-time view spreads one packet's path over dozens of small frames.
 */
const AREAS: Array<{ name: string; has: (frame: ProfileNode['callFrame']) => boolean }> = [
  // Playwright's AsyncLocalStorage (its "zones") turns on promise hooks for the whole process: every promise then
  // pays for them. A bench artefact where the gateway shares the driver's process, not a cost of the gateway.
  {
    name: 'promise hooks (AsyncLocalStorage in this process)',
    has: (f) =>
      f.url === 'node:internal/async_hooks' &&
      /^(promiseInitHook|trackPromise|_propagate|emitInit)/.test(f.functionName),
  },
  // werift's SRTP, and ours for the AES-CM profile the server peers prefer (server/media/srtpPath.ts and below).
  {
    name: 'SRTP (crypto)',
    has: (f) =>
      f.url.includes('/werift/lib/rtp/src/srtp/') || /\/server\/media\/(aesCmCipher|hmacSha1)\.ts$/.test(f.url),
  },
  { name: 'RTCP reports', has: (f) => /^(runRtcp|sendRtcp)$/.test(f.functionName) },
  { name: 'UDP send', has: (f) => f.url === 'node:dgram' && /^(doSend|Socket\.send|afterDns)$/.test(f.functionName) },
  { name: 'signalling, HTTP (ws, fastify)', has: (f) => /\/node_modules\/(ws|fastify|@fastify)\//.test(f.url) },
  { name: 'STUN/ICE (werift)', has: (f) => f.url.includes('/werift/lib/ice') },
  { name: 'server/ (ours)', has: (f) => /\/server\//.test(f.url) && !f.url.includes('node_modules') },
  { name: 'werift (other)', has: (f) => f.url.includes('/werift/') },
  { name: 'UDP receive, event loop', has: (f) => f.url === 'node:dgram' || f.functionName === 'callbackTrampoline' },
];

function byArea(profile: CpuProfile, own: Set<number>): Map<string, number> {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node || own.has(id) || node.callFrame.functionName === '(idle)') return;
    const stack: Array<ProfileNode['callFrame']> = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame) stack.push(frame);
    }
    const special = node.callFrame.functionName.startsWith('(') ? node.callFrame.functionName : null;
    // The innermost frame that belongs to an area names the sample (a packet's whole path runs under ICE frames).
    let area = special;
    for (const frame of stack) {
      area ??= AREAS.find((a) => a.has(frame))?.name ?? null;
      if (area) break;
    }
    area ??= 'other';
    totals.set(area, (totals.get(area) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return totals;
}

export interface ProcessProfileSummary {
  /** Busy (non-idle) ms sampled, the profiler's own work left out. */
  busyMs: number;
  byArea: string;
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
    const areas = top(byArea(profile, profilerOwnNodes(profile)), 12);
    return {
      result,
      summary: { busyMs, byArea: areas, byFunction: top(byFunction, 12), byPackage: top(byPackage, 8) },
    };
  } finally {
    session.disconnect();
  }
}
