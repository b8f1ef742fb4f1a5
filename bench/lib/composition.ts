/**
 * What the module's bytes are made of. Webpack's production source maps are too coarse to attribute bytes
 * (large spans map to the preceding module), so the same entry is bundled again with esbuild, minified, with the
 * same externals and code splitting, and esbuild's metafile says how many output bytes each input contributes.
 * The shares are a proxy for the webpack chunks' composition, not their exact bytes.
 */
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

const ROOT = path.join(__dirname, '..', '..');
const EXTERNALS = ['single-spa', 'react', 'react-dom', 'react-dom/client', 'rxjs', 'rxjs/operators', '@switchboard/*'];

export interface Composition {
  /** Output bytes per package for what loads at mount (everything but the SDK's chunk). */
  atMount: Map<string, number>;
  /** Output bytes per package for the module's static entry. */
  entry: Map<string, number>;
  /** Estimated gzip KB per input module (its minified bytes × its output's gzip ratio), entry and at mount. */
  entryModules: Map<string, number>;
  atMountModules: Map<string, number>;
  /** Each of our modules that imports zod statically, with the static import chain from the entry to it. */
  zodImporters: Array<{ module: string; chain: string[] }>;
}

/** Static import chains from `entry` to every module of ours that imports zod (breadth first: shortest chains). */
function zodImportChains(inputs: Metafile['inputs'], entry: string): Array<{ module: string; chain: string[] }> {
  const parent = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  const found: Array<{ module: string; chain: string[] }> = [];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    const statics = (inputs[file]?.imports ?? []).filter((i) => i.kind === 'import-statement');
    if (file.startsWith('src/') && statics.some((i) => /node_modules\/zod\//.test(i.path))) {
      const chain: string[] = [];
      for (let at: string | null | undefined = file; at; at = parent.get(at)) chain.unshift(at);
      found.push({ module: file, chain });
    }
    for (const { path: next } of statics) {
      if (parent.has(next) || !next.startsWith('src/')) continue;
      parent.set(next, file);
      queue.push(next);
    }
  }
  return found;
}

/** Estimated gzip KB per input of `output`: its share of the output's bytes times the output's gzip size. */
function addModules(
  into: Map<string, number>,
  output: Metafile['outputs'][string],
  text: Uint8Array | undefined,
): void {
  const gzRatio = text && text.length > 0 ? gzipSync(text, { level: 9 }).length / text.length : 0;
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    into.set(input, (into.get(input) ?? 0) + (bytesInOutput * gzRatio) / 1024);
  }
}

/** `node_modules/@scope/name` → `@scope/name`; `src/ui/x.tsx` → `src/ui`. */
export function packageOf(input: string): string {
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (inModules) return inModules[1] as string;
  const ours = /^src\/([^/]+)\//.exec(input);
  return ours ? `src/${ours[1]}` : input;
}

function add(into: Map<string, number>, output: Metafile['outputs'][string]): void {
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const name = packageOf(input);
    into.set(name, (into.get(name) ?? 0) + bytesInOutput);
  }
}

/** The SystemJS module's entry (webpack.config.js): the public API without the schemas. */
const SYSTEM_ENTRY = 'src/publicApi.ts';

export async function composition(): Promise<Composition> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [SYSTEM_ENTRY],
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    external: EXTERNALS,
    define: { 'process.env.NODE_ENV': '"production"' },
    outdir: path.join(ROOT, 'bench', '.composition'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const atMount = new Map<string, number>();
  const entry = new Map<string, number>();
  const entryModules = new Map<string, number>();
  const atMountModules = new Map<string, number>();
  const textOf = (file: string): Uint8Array | undefined =>
    result.outputFiles?.find((o) => path.relative(ROOT, o.path) === file)?.contents;
  // The static entry is its own output plus the shared chunks it imports statically.
  const entryFile = Object.keys(outputs).find((f) => outputs[f]?.entryPoint === SYSTEM_ENTRY);
  const staticClosure = new Set<string>();
  const visit = (file: string | undefined): void => {
    const output = file === undefined ? undefined : outputs[file];
    if (!file || !output || staticClosure.has(file)) return;
    staticClosure.add(file);
    for (const imported of output.imports) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entryFile);
  for (const [file, output] of Object.entries(outputs)) {
    const isSdk = Object.keys(output.inputs).some((i) => i.includes('@twilio/voice-sdk'));
    if (staticClosure.has(file)) {
      add(entry, output);
      addModules(entryModules, output, textOf(file));
    }
    if (!isSdk && file.endsWith('.js')) {
      add(atMount, output);
      addModules(atMountModules, output, textOf(file));
    }
  }
  const zodImporters = zodImportChains(result.metafile.inputs, SYSTEM_ENTRY);
  return { atMount, entry, entryModules, atMountModules, zodImporters };
}

/** "node_modules/zod/v4/core/schemas.js 6.1, src/contract/schemaState.ts 1.2, ..." (KB gz) for the largest. */
export function topModules(kb: Map<string, number>, count = 12): string {
  return [...kb.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, size]) => `${name.replace(/^node_modules\//, '')} ${size.toFixed(1)}`)
    .join(', ');
}

/** "a 41%, b 20%, ..." for the largest shares. */
export function topShares(totals: Map<string, number>, count = 7): string {
  const sum = [...totals.values()].reduce((a, b) => a + b, 0);
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, bytes]) => `${name} ${((100 * bytes) / sum).toFixed(0)}%`)
    .join(', ');
}
