/**
 * What a built chunk is made of, from its own source map: every generated character is attributed to the source
 * of the mapping it falls under, so the shares are of the real webpack/Terser output (tree-shaking included),
 * and gzip KB per source is estimated as its share of the chunk's gzip size.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** Decodes one mappings segment's base64 VLQ fields. */
function decodeSegment(segment: string): number[] {
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGIT.get(char) ?? 0;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return fields;
}

/** `webpack://name/./node_modules/zod/v4/core/api.js` → `node_modules/zod/v4/core/api.js`. */
const cleanSource = (source: string): string => source.replace(/^webpack:\/\/[^/]*\//, '').replace(/^\.\//, '');

/** Generated characters per source file of `chunkFile` (its map is `<chunkFile>.map`). */
export function charsBySource(chunkFile: string): Map<string, number> {
  const code = readFileSync(chunkFile, 'utf8');
  const map = JSON.parse(readFileSync(`${chunkFile}.map`, 'utf8')) as { sources: string[]; mappings: string };
  const lines = code.split('\n');
  const chars = new Map<string, number>();
  const add = (key: string, n: number): void => void chars.set(key, (chars.get(key) ?? 0) + n);
  let source = 0;
  map.mappings.split(';').forEach((lineMappings, lineIndex) => {
    const length = lines[lineIndex]?.length ?? 0;
    let column = 0;
    let previous: { column: number; source: string | null } = { column: 0, source: null };
    for (const segment of lineMappings.split(',')) {
      if (!segment) continue;
      const fields = decodeSegment(segment);
      column += fields[0] ?? 0;
      add(previous.source ?? '(unmapped)', column - previous.column);
      if (fields.length >= 4) source += fields[1] ?? 0;
      previous = { column, source: fields.length >= 4 ? cleanSource(map.sources[source] ?? '?') : null };
      // Fields 2 and 3 (original line and column) are deltas we do not need, but field 1 (source) is cumulative.
    }
    add(previous.source ?? '(unmapped)', length - previous.column);
  });
  return chars;
}

/** Estimated gzip KB per source of the chunks: each chunk's gzip -9 size split by its sources' character shares. */
export function gzipKbBySource(chunkFiles: readonly string[]): Map<string, number> {
  const kb = new Map<string, number>();
  for (const file of chunkFiles) {
    const chars = charsBySource(file);
    const total = [...chars.values()].reduce((a, b) => a + b, 0);
    const gz = gzipSync(readFileSync(file), { level: 9 }).length / 1024;
    for (const [source, n] of chars) kb.set(source, (kb.get(source) ?? 0) + (gz * n) / Math.max(1, total));
  }
  return kb;
}

/** `node_modules/@scope/name/…` → `@scope/name`; `src/ui/x.tsx` → `src/ui`. */
export function packageOfSource(source: string): string {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (inModules) return inModules[1] as string;
  const ours = /^(src\/[^/]+)\//.exec(source);
  return ours ? (ours[1] as string) : source;
}

export function byPackage(kbBySource: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [source, kb] of kbBySource) out.set(packageOfSource(source), (out.get(packageOfSource(source)) ?? 0) + kb);
  return out;
}

/** "zod 21.3, src/contract 4.1, …" (KB gz), largest first. */
export function describeKb(kb: Map<string, number>, count = 10): string {
  return [...kb.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, size]) => `${name.replace(/^node_modules\//, '')} ${size.toFixed(1)}`)
    .join(', ');
}
