/**
 * The package as a host gets it: `npm pack`, installed with its peers into a fresh TypeScript project, type-checked
 * under `strict` (declarations included) and bundled by a real bundler. Nothing server-side or test-only ships.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { REPO_ROOT, assertBuilt } from '../support/dist';
import { writeHostProject } from './support/hostProject';
import {
  installTarball,
  installedPackageNames,
  packPackage,
  rootManifest,
  tarballFiles,
} from './support/packedInstall';

const SERVER_ONLY = ['twilio', 'werift', 'ws', 'jsonwebtoken', 'fastify', 'selfsigned', 'jose'];

function directorySize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? directorySize(full) : entry.isFile() ? statSync(full).size : 0;
  }
  return total;
}

describe('the npm package @switchboard/softphone', () => {
  let work: string;
  let tarball: string;
  let files: string[];

  beforeAll(() => {
    assertBuilt();
    statSync(path.join(REPO_ROOT, 'dist/types/switchboard-softphone.d.ts')); // `npm run build` emits the declarations
    work = mkdtempSync(path.join(tmpdir(), 'softphone-host-'));
    tarball = packPackage(work);
    files = tarballFiles(tarball);
    installTarball(work, tarball, ['@types/react', '@types/react-dom']);
  }, 90_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('is publishable, with exports for types, the ESM build and the SystemJS module', () => {
    const manifest = rootManifest() as ReturnType<typeof rootManifest> & Record<string, unknown>;
    expect(manifest.private).toBeUndefined();
    const exportsField = manifest.exports as Record<string, unknown>;
    const main = exportsField['.'] as Record<string, string>;
    expect(Object.keys(main)[0]).toBe('types');
    for (const target of [main.types!, main.import!, exportsField['./system'] as string])
      expect(files).toContain(target.replace(/^\.\//, ''));
    expect(Object.keys(manifest.peerDependencies ?? {}).sort()).toEqual(
      ['react', 'react-dom', 'rxjs', 'single-spa', 'single-spa-react'].sort(),
    );
  });

  it('ships no tests, benchmarks, server, docs or test source maps', () => {
    const forbidden = files.filter(
      (file) => /^(test|bench|server|docs|demo|scripts|src)\//.test(file) || /\.test\.|\.spec\./.test(file),
    );
    expect(forbidden).toEqual([]);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
  });

  it('installs without any server-side package in its dependency tree', () => {
    const names = installedPackageNames(work);
    expect(names.has('@switchboard/softphone')).toBe(true);
    expect(SERVER_ONLY.filter((name) => names.has(name))).toEqual([]);
    const packages = readdirSync(path.join(work, 'node_modules'), { withFileTypes: true }).length;
    const megabytes = directorySize(path.join(work, 'node_modules')) / 1e6;
    console.log(`host install: ${names.size} packages, ${megabytes.toFixed(1)} MB (node_modules entries: ${packages})`);
  });

  it('type-checks a host using createSoftphoneClient, parcelConfig, Softphone and SoftphoneState under strict', () => {
    writeHostProject(work);
    const tsc = path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
    const result = spawnSync(process.execPath, [tsc, '-p', path.join(work, 'tsconfig.json')], { encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 60_000);

  it('bundles that host with a real bundler from the installed package alone', async () => {
    const entry = writeHostProject(work);
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      outfile: path.join(work, 'out', 'main.js'),
      absWorkingDir: work,
      nodePaths: [],
      define: { 'process.env.NODE_ENV': '"production"' },
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes('node_modules/@switchboard/softphone/dist/esm/'))).toBe(true);
    expect(inputs.filter((input) => !input.startsWith('src/') && !input.startsWith('node_modules/'))).toEqual([]);
  }, 60_000);
});
