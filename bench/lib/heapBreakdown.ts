/**
 * Where heap growth goes, from two V8 heap snapshots taken over CDP: self size by kind (JIT code, strings,
 * closures, DOM wrappers, objects by constructor) and how many of single-spa's parcel records are alive.
 */
import type { Page } from 'playwright-core';

/** Bytes and node count per category of one snapshot. */
export type HeapCensus = Map<string, { count: number; bytes: number }>;

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

const CODE_TYPES = new Set(['code']);
const STRING_TYPES = new Set(['string', 'concatenated string', 'sliced string']);

/** The category a node is counted in: its kind, and for objects and closures, its constructor or function name. */
function categoryOf(type: string, name: string): string {
  if (CODE_TYPES.has(type)) return 'JIT code and bytecode';
  if (STRING_TYPES.has(type)) return 'strings';
  if (type === 'closure') return `closure ${name || '(anonymous)'}`;
  if (type === 'object') return name.startsWith('system /') ? 'V8 internals' : `object ${name}`;
  if (type === 'native') return name.startsWith('<') || name.startsWith('HTML') ? 'DOM nodes' : 'browser internals';
  if (type === 'array' || type === 'hidden' || type === 'object shape') return 'V8 internals';
  return type;
}

/** Takes a heap snapshot of `page` (after a full GC) and counts it by category. */
export async function heapCensus(page: Page): Promise<HeapCensus> {
  const cdp = await page.context().newCDPSession(page);
  const chunks: string[] = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (event: { chunk: string }) => void chunks.push(event.chunk));
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    await cdp.send('HeapProfiler.disable').catch(() => undefined);
    await cdp.detach();
  }
  const raw = JSON.parse(chunks.join('')) as RawSnapshot;
  const fields = raw.snapshot.meta.node_fields;
  const types = raw.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [
    number,
    number,
    number,
  ];
  const census: HeapCensus = new Map();
  for (let i = 0; i < raw.nodes.length; i += fields.length) {
    const type = types[raw.nodes[i + typeAt] ?? 0] ?? '';
    const name = raw.strings[raw.nodes[i + nameAt] ?? 0] ?? '';
    const key = categoryOf(type, name);
    const entry = census.get(key) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += raw.nodes[i + sizeAt] ?? 0;
    census.set(key, entry);
  }
  return census;
}

/**
 * "JIT code and bytecode +0.9 MB, object Promise +5,000 (+100 KB), …": the categories that grew most from `before`
 * to `after`, and the count of single-spa parcel records alive (its `unmountThisParcel` closure, one per record).
 */
export function describeGrowth(before: HeapCensus, after: HeapCensus, top = 6): string {
  const growth = [...after.entries()]
    .map(([key, a]) => {
      const b = before.get(key) ?? { count: 0, bytes: 0 };
      return { key, count: a.count - b.count, bytes: a.bytes - b.bytes };
    })
    .sort((x, y) => y.bytes - x.bytes);
  const kb = (bytes: number): string => `${bytes >= 0 ? '+' : ''}${(bytes / 1024).toFixed(0)} KB`;
  const listed = growth
    .slice(0, top)
    .map(({ key, count, bytes }) => `${key} ${kb(bytes)} (${count >= 0 ? '+' : ''}${count})`)
    .join(', ');
  const records = growth.find((g) => g.key === 'closure unmountThisParcel')?.count ?? 0;
  return `heap snapshot growth by kind: ${listed}; single-spa parcel records kept: ${records >= 0 ? '+' : ''}${records}`;
}
