import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

/** Bundles the browser harness with esbuild into a fresh temp dir (served as the server's staticDir). */
export async function bundleHarness(): Promise<string> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'sdk-harness-'));
  // esbuild comes with tsx (a devDependency).
  await build({
    entryPoints: [path.join(__dirname, 'sdkHarness.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    outfile: path.join(outDir, 'sdk-harness.js'),
    logLevel: 'silent',
  });
  copyFileSync(path.join(__dirname, 'index.html'), path.join(outDir, 'index.html'));
  return outDir;
}
