import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';

export const SERVICE_HARNESS_SCRIPT = 'voice-service-harness.js';

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>VoiceService harness</title></head>
<body><script src="/${SERVICE_HARNESS_SCRIPT}"></script></body></html>
`;

/**
 * Bundles the VoiceService page harness (the project's src/voice + src/parcel config loader and the real SDK) into
 * a fresh temp dir with an index.html, to be served as the test server's staticDir.
 */
export async function bundleServiceHarness(): Promise<string> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'voice-service-harness-'));
  // esbuild comes with tsx (a devDependency). The SDK's dynamic import() is inlined: one script, no chunks.
  await build({
    entryPoints: [path.join(__dirname, 'serviceHarness.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    define: { 'process.env.NODE_ENV': '"test"' },
    outfile: path.join(outDir, SERVICE_HARNESS_SCRIPT),
    logLevel: 'silent',
  });
  writeFileSync(path.join(outDir, 'index.html'), PAGE);
  return outDir;
}
