/**
 * Gzip sizes of the built module (dist/): the entry chunk, what the parcel loads at mount (entry + the lazy UI
 * chunks, without the SDK), the SDK chunk, the total, and copies of zod, against issue 18's goals (the same files
 * and goals as test/build/sizeBudgets.test.ts). Shared dependencies (React, ReactDOM, RxJS, single-spa) come
 * through the import map and are not counted. What each is made of comes from the chunks' own source maps
 * (lib/sourceMapShares.ts); which of our modules pull zod into the entry, from the static import graph
 * (lib/composition.ts). `npx tsx bench/bundleSize.ts [--dist DIR]` (build first: `npm run build`).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DIST_DIR } from '../test/support/dist';
import { gzipKb, moduleFiles, SIZE_GOALS, zodCopies, ENTRY } from '../test/build/support/moduleFiles';
import { composition } from './lib/composition';
import { byPackage, describeKb, gzipKbBySource } from './lib/sourceMapShares';
import { atMost, metric, runBenchmark, type Metric } from './lib/stats';

/** "src/contract/schemaState.ts (entry → …)": each of our modules that imports zod, by its shortest chain. */
function zodImporters(chains: Array<{ module: string; chain: string[] }>): string {
  return chains.map(({ chain }) => chain.slice(1).join(' ← ')).join('; ');
}

export async function measureBundle(dist: string): Promise<Metric[]> {
  if (!existsSync(path.join(dist, ENTRY))) throw new Error(`${dist}/${ENTRY} is missing: run \`npm run build\` first`);
  const files = moduleFiles(dist);
  const atMount = [files.entry, ...files.atMount];
  const inDist = (list: readonly string[]): string[] => list.map((f) => path.join(dist, f));
  const entryKb = gzipKbBySource(inDist([files.entry]));
  const mountKb = gzipKbBySource(inDist(atMount));
  const zod = zodCopies(dist, [...atMount, ...files.sdk, ...files.deferred]);
  const { zodImporters: chains } = await composition();
  const one = (name: string, list: string[], goal: number | null, note: string): Metric =>
    metric(name, 'KB gz', [gzipKb(dist, list)], goal === null ? null : atMost(goal), `${list.join(' + ')}; ${note}`);
  return [
    one(
      'bundle: entry chunk',
      [files.entry],
      SIZE_GOALS.entry,
      `KB gz by package (from the chunk's source map): ${describeKb(byPackage(entryKb))}; largest modules: ${describeKb(entryKb, 12)}; ` +
        `our modules importing zod statically (import chain from the entry, outermost last): ${zodImporters(chains)}`,
    ),
    one(
      'bundle: loaded at mount (entry + UI chunks, no SDK)',
      atMount,
      SIZE_GOALS.atMount,
      `KB gz by package: ${describeKb(byPackage(mountKb), 14)}; largest modules: ${describeKb(mountKb, 14)}`,
    ),
    metric(
      'bundle: copies of zod in all chunks',
      'copies',
      [zod.total],
      atMost(SIZE_GOALS.zodCopies),
      `zod's core schema classes, counted per chunk: ${Object.entries(zod.byFile)
        .map(([f, n]) => `${f} ${n}`)
        .join(', ')}`,
    ),
    one('bundle: SDK chunk', files.sdk, null, 'loaded when the Device first starts'),
    one(
      'bundle: deferred chunks',
      files.deferred,
      null,
      'loaded only when a feature asks (e.g. loadContractSchemas())',
    ),
    one(
      'bundle: total (module + all its chunks)',
      [...atMount, ...files.sdk, ...files.deferred],
      null,
      'everything the module can load',
    ),
  ];
}

if (require.main === module) {
  void runBenchmark('bundle sizes', async (args) => measureBundle(args.dist ?? DIST_DIR));
}
