import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

/** Bundles the numbers harness into a fresh temp dir with a page that loads it (served as the staticDir). */
export async function bundleNumbersHarness(): Promise<string> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'numbers-harness-'));
  await build({
    entryPoints: [path.join(__dirname, 'numbersHarness.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    outfile: path.join(outDir, 'numbers-harness.js'),
    logLevel: 'silent',
  });
  writeFileSync(path.join(outDir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>numbers</title><script src="/numbers-harness.js"></script>\n');
  return outDir;
}
