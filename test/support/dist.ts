/**
 * Where `npm run build` writes and what a complete build holds, for everything that runs against the built bundles:
 * the build test, the end-to-end suite, the benchmarks and the screenshot script.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const DIST_DIR = path.join(REPO_ROOT, 'dist');

/** What the browser loads from dist/: the module, the demo shell and its apps, the shared dependencies. */
export const BUILD_OUTPUTS: readonly string[] = [
  'switchboard-softphone.js',
  'index.html',
  'importmap.json',
  'switchboard-root-config.js',
  'switchboard-contacts.js',
  'switchboard-call-log.js',
  'shared/react.js',
  'shared/react-dom.js',
  'shared/react-dom-client.js',
  'shared/rxjs.js',
  'shared/rxjs-operators.js',
  'shared/single-spa.min.js',
  'shared/system.min.js',
  'shared/import-map-overrides.js',
];

/** The outputs missing from `dist` (none when the build is complete). */
export function missingOutputs(dist: string = DIST_DIR, outputs: readonly string[] = BUILD_OUTPUTS): string[] {
  return outputs.filter((file) => !existsSync(path.join(dist, file)));
}

/** Throws, naming the first missing file, unless `dist` holds a complete build. */
export function assertBuilt(dist: string = DIST_DIR, outputs: readonly string[] = BUILD_OUTPUTS): void {
  const [missing] = missingOutputs(dist, outputs);
  if (missing !== undefined)
    throw new Error(`${path.relative(REPO_ROOT, path.join(dist, missing))} is missing: run \`npm run build\` first`);
}
