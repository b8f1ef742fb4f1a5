/**
 * Gzip sizes of the built module (dist/): the entry chunk, what the parcel loads at mount (entry + the lazy UI
 * chunks, without the SDK), the SDK chunk and the total. Shared dependencies (React, ReactDOM, RxJS, single-spa)
 * come through the import map and are not counted. Shares per package: see lib/composition.ts.
 * `npx tsx bench/bundleSize.ts [--dist DIR]` (build first: `npm run build`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DIST_DIR } from '../test/support/dist';
import { composition, topShares } from './lib/composition';
import { atMost, metric, runBenchmark, type Metric } from './lib/stats';

const ENTRY = 'switchboard-softphone.js';
const SDK_CHUNK = /^twilio-voice-sdk\.[0-9a-f]+\.js$/;

/** The module's lazy chunks, read from the entry's webpack chunk-id → file-name tables. */
function lazyChunksOf(dist: string, entrySource: string): string[] {
  const jsFiles = readdirSync(dist).filter((f) => f.endsWith('.js'));
  return jsFiles.filter((file) => {
    const hashed = /^(.+)\.([0-9a-f]{8})\.js$/.exec(file);
    return hashed !== null && entrySource.includes(`"${hashed[2]}"`);
  });
}

const gz = (file: string): number => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

export async function measureBundle(dist: string): Promise<Metric[]> {
  const entryPath = path.join(dist, ENTRY);
  if (!existsSync(entryPath)) throw new Error(`${entryPath} is missing: run \`npm run build\` first`);
  const lazy = lazyChunksOf(dist, readFileSync(entryPath, 'utf8'));
  const sdk = lazy.filter((f) => SDK_CHUNK.test(f));
  const atMount = lazy.filter((f) => !SDK_CHUNK.test(f));
  const size = (files: string[]): number => files.reduce((sum, f) => sum + gz(path.join(dist, f)), 0);
  const parts = await composition();
  const one = (
    name: string,
    files: string[],
    goal: ReturnType<typeof atMost> | null,
    shares?: Map<string, number>,
  ): Metric =>
    metric(
      name,
      'KB gz',
      [size(files)],
      goal,
      `${files.join(' + ')}${shares ? `; bytes by package (esbuild proxy): ${topShares(shares)}` : ''}`,
    );
  return [
    one('bundle: entry chunk', [ENTRY], atMost(60), parts.entry),
    one('bundle: loaded at mount (entry + UI chunks, no SDK)', [ENTRY, ...atMount], null, parts.atMount),
    one('bundle: SDK chunk', sdk, null),
    one('bundle: total (module + all its chunks)', [ENTRY, ...lazy], null),
  ];
}

if (require.main === module) {
  void runBenchmark('bundle sizes', async (args) => measureBundle(args.dist ?? DIST_DIR));
}
