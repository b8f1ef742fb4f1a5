/**
 * Where heap growth goes, from V8 heap snapshots taken over CDP: self size by kind (JIT code, strings, closures,
 * DOM wrappers, objects by constructor), and what single-spa's parcel records alone keep alive (the objects no
 * other path from the GC roots reaches), by the record's field they hang from.
 */
import type { Page } from 'playwright-core';

/** Bytes and node count per category of one snapshot. */
export type HeapCensus = Map<string, { count: number; bytes: number }>;

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** A parsed snapshot with its graph indexed: node `n` is the n-th node (not its offset in `nodes`). */
export interface HeapGraph {
  raw: RawSnapshot;
  nodeCount: number;
  type(n: number): string;
  name(n: number): string;
  size(n: number): number;
  /** Calls `visit(edgeType, edgeName, target)` for each outgoing edge of `n`. */
  forEachEdge(n: number, visit: (edgeType: string, edgeName: string, target: number) => void): void;
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

/** Takes a heap snapshot of `page` (after a full GC). */
export async function takeHeapSnapshot(page: Page): Promise<HeapGraph> {
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
  return indexSnapshot(JSON.parse(chunks.join('')) as RawSnapshot);
}

function indexSnapshot(raw: RawSnapshot): HeapGraph {
  const { node_fields: nf, node_types: nt, edge_fields: ef, edge_types: et } = raw.snapshot.meta;
  const [typeAt, nameAt, sizeAt, edgeCountAt] = ['type', 'name', 'self_size', 'edge_count'].map((f) => nf.indexOf(f));
  const [edgeTypeAt, edgeNameAt, edgeToAt] = ['type', 'name_or_index', 'to_node'].map((f) => ef.indexOf(f));
  const nodeTypes = nt[0];
  const edgeTypes = et[0];
  const nodeCount = raw.nodes.length / nf.length;
  // Edges are stored node after node: the first edge of node n follows all edges of the nodes before it.
  const firstEdge = new Uint32Array(nodeCount + 1);
  for (let n = 0; n < nodeCount; n += 1) firstEdge[n + 1] = firstEdge[n]! + raw.nodes[n * nf.length + edgeCountAt!]!;
  const at = (n: number, field: number): number => raw.nodes[n * nf.length + field]!;
  return {
    raw,
    nodeCount,
    type: (n) => nodeTypes[at(n, typeAt!)] ?? '',
    name: (n) => raw.strings[at(n, nameAt!)] ?? '',
    size: (n) => at(n, sizeAt!),
    forEachEdge(n, visit) {
      for (let e = firstEdge[n]!; e < firstEdge[n + 1]!; e += 1) {
        const base = e * ef.length;
        const edgeType = edgeTypes[raw.edges[base + edgeTypeAt!]!] ?? '';
        const nameOrIndex = raw.edges[base + edgeNameAt!]!;
        const named = edgeType !== 'element' && edgeType !== 'hidden';
        visit(
          edgeType,
          named ? (raw.strings[nameOrIndex] ?? '') : String(nameOrIndex),
          raw.edges[base + edgeToAt!]! / nf.length,
        );
      }
    },
  };
}

/** Counts a snapshot by category. */
export function heapCensus(graph: HeapGraph): HeapCensus {
  const census: HeapCensus = new Map();
  for (let n = 0; n < graph.nodeCount; n += 1) {
    const key = categoryOf(graph.type(n), graph.name(n));
    const entry = census.get(key) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += graph.size(n);
    census.set(key, entry);
  }
  return census;
}

/** single-spa's parcel records: objects holding both `customProps` and the `unmountThisParcel` closure. */
function parcelRecords(graph: HeapGraph): number[] {
  const records: number[] = [];
  for (let n = 0; n < graph.nodeCount; n += 1) {
    if (graph.type(n) !== 'object') continue;
    let fields = 0;
    graph.forEachEdge(n, (type, name) => {
      if (type === 'property' && (name === 'customProps' || name === 'unmountThisParcel')) fields += 1;
    });
    if (fields === 2) records.push(n);
  }
  return records;
}

/** Visits what `starts` reach through strong edges, skipping `seen` (and marking what it visits). */
function reach(graph: HeapGraph, starts: number[], seen: Uint8Array, onNode?: (n: number) => void): void {
  const stack = starts.filter((n) => !seen[n]);
  for (const n of stack) seen[n] = 1;
  while (stack.length) {
    const n = stack.pop()!;
    onNode?.(n);
    graph.forEachEdge(n, (type, _name, to) => {
      if (type === 'weak' || seen[to]) return;
      seen[to] = 1;
      stack.push(to);
    });
  }
}

export interface RecordRetention {
  records: number;
  /** Bytes that only the records keep alive (what removing them from single-spa's registry would free). */
  bytes: number;
  /** Those bytes by the record field they are first reached from (`customProps`, `unmountThisParcel`, ...). */
  byField: HeapCensus;
  /** Those bytes by kind. */
  byKind: HeapCensus;
}

/**
 * What single-spa's parcel records alone keep: everything the GC roots reach only through a record. Each field's
 * share is what is reachable from it and not from the fields visited before it (the record's own fields in a fixed
 * order: props first, then single-spa's lifecycle wrappers and closures).
 */
export function parcelRecordRetention(graph: HeapGraph): RecordRetention {
  const records = parcelRecords(graph);
  const live = new Uint8Array(graph.nodeCount);
  for (const r of records) live[r] = 1; // blocked: what the roots reach without passing through a record
  reach(graph, [0], live);
  const byField: HeapCensus = new Map();
  const byKind: HeapCensus = new Map();
  let bytes = 0;
  const add = (census: HeapCensus, key: string, n: number): void => {
    const entry = census.get(key) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += graph.size(n);
    census.set(key, entry);
  };
  const count = (field: string) => (n: number) => {
    bytes += graph.size(n);
    add(byField, field, n);
    add(byKind, categoryOf(graph.type(n), graph.name(n)), n);
  };
  for (const r of records) count('the record object')(r);
  const order = ['customProps', 'parcels', 'timeouts', 'bootstrap', 'mount', 'unmount', 'update', 'unmountThisParcel'];
  const fieldsOf = new Map<string, number[]>();
  for (const r of records)
    graph.forEachEdge(r, (type, name, to) => {
      if (type === 'weak') return;
      const field = type === 'property' ? name : `(${type} ${name})`;
      const targets = fieldsOf.get(field) ?? [];
      targets.push(to);
      fieldsOf.set(field, targets);
    });
  const fields = [...fieldsOf.keys()].sort(
    (a, b) => (order.indexOf(a) + 1 || order.length + 1) - (order.indexOf(b) + 1 || order.length + 1),
  );
  for (const field of fields) reach(graph, fieldsOf.get(field) ?? [], live, count(field));
  return { records: records.length, bytes, byField, byKind };
}

const kb = (bytes: number): string => `${bytes >= 0 ? '+' : ''}${(bytes / 1024).toFixed(0)} KB`;

/** "customProps 120 B (3 nodes), …" per record, largest first. */
export function describeRetention(retention: RecordRetention, top = 6): string {
  if (!retention.records) return 'no single-spa parcel record retains anything';
  const per = (census: HeapCensus): string =>
    [...census.entries()]
      .sort((x, y) => y[1].bytes - x[1].bytes)
      .slice(0, top)
      .map(([key, v]) => `${key} ${Math.round(v.bytes / retention.records)} B`)
      .join(', ');
  return (
    `${retention.records} single-spa parcel records retain ${kb(retention.bytes)} ` +
    `(${Math.round(retention.bytes / retention.records)} B each: ${per(retention.byField)}; by kind: ${per(retention.byKind)})`
  );
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
  const listed = growth
    .slice(0, top)
    .map(({ key, count, bytes }) => `${key} ${kb(bytes)} (${count >= 0 ? '+' : ''}${count})`)
    .join(', ');
  const records = growth.find((g) => g.key === 'closure unmountThisParcel')?.count ?? 0;
  return `heap snapshot growth by kind: ${listed}; single-spa parcel records kept: ${records >= 0 ? '+' : ''}${records}`;
}
