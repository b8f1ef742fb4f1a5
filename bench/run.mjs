#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --no-build] [-- --only bus,dial]`: builds (npm run build), snapshots dist/ so a
// concurrent rebuild cannot change what is measured, runs every benchmark under bench/ in a process of its own,
// prints one table and writes bench/results.json. Each benchmark also runs alone: `npx tsx bench/<file>.ts`
// (`--only` takes the names in BENCHMARKS; the files are the same names in camelCase).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { require as requireTs } from 'tsx/cjs/api';

/** The same table the single benchmarks print (bench/ is TypeScript compiled on the fly by tsx). */
const { formatTable } = requireTs('./lib/stats.ts', import.meta.url);
/** docs/benchResults.md, the table of the last run. */
const { resultsMarkdown } = requireTs('./lib/resultsDoc.ts', import.meta.url);
/** The build's location and contents, shared with the tests. */
const { DIST_DIR, missingOutputs } = requireTs('../test/support/dist.ts', import.meta.url);

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');

/** Cheapest first; the gateway benchmarks last (they pin the processes to the two cores). */
const BENCHMARKS = [
  'bundle-size',
  'bus',
  'renders',
  'leaks',
  'mount',
  'invite',
  'dial',
  'bridged-calls',
  'gateway-scale',
  'call-setups',
  'soak',
];
/** A benchmark's file: its (kebab-case) name in camelCase, like every file under bench/ (`gateway-scale` → gatewayScale.ts). */
const fileOf = (name) => `${name.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase())}.ts`;
/** A benchmark that runs longer than this is stopped and reported as failed. */
const TIMEOUT_MS = 5 * 60_000;
/** The soak's 200 token refresh cycles at TTL 10 s take about 8.5 minutes by design; leaks runs 3 × 2,000 cycles. */
const TIMEOUTS_MS = { soak: 12 * 60_000, leaks: 12 * 60_000 };

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const onlyIndex = argv.indexOf('--only');
const only = onlyIndex >= 0 ? (argv[onlyIndex + 1] ?? '').split(',').filter(Boolean) : BENCHMARKS;
const unknown = only.filter((name) => !BENCHMARKS.includes(name));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${BENCHMARKS.join(', ')}`);
  process.exit(2);
}

const started = Date.now();
/** The machine is shared: its load beside the numbers says how much to trust absolute figures. */
const loadAverageAtStart = loadavg();
if (!argv.includes('--no-build')) {
  console.log('npm run build …');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) {
    console.error('the build failed; fix it or pass --no-build to measure the existing dist/');
    process.exit(1);
  }
}
if (missingOutputs(DIST_DIR).length > 0) {
  console.error(`dist/ has no complete build (missing ${missingOutputs(DIST_DIR).join(', ')}): run without --no-build`);
  process.exit(1);
}
const work = mkdtempSync(path.join(tmpdir(), 'bench-run-'));
const dist = path.join(work, 'dist');
cpSync(DIST_DIR, dist, { recursive: true });

function runOne(name) {
  const out = path.join(work, `${name}.json`);
  const args = [
    '--import',
    'tsx',
    path.join(here, fileOf(name)),
    '--out',
    out,
    '--dist',
    dist,
    ...(quick ? ['--quick'] : []),
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    const limit = TIMEOUTS_MS[name] ?? TIMEOUT_MS;
    const timer = setTimeout(() => child.kill('SIGKILL'), limit);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0 && existsSync(out)) resolve({ metrics: JSON.parse(readFileSync(out, 'utf8')) });
      else resolve({ error: signal ? `stopped by ${signal} (limit ${limit / 1000} s)` : `exited with ${code}` });
    });
  });
}

const metrics = [];
const failures = [];
for (const name of only) {
  const t0 = Date.now();
  const result = await runOne(name);
  if (result.error) failures.push({ benchmark: name, error: result.error });
  else metrics.push(...result.metrics.map((m) => ({ benchmark: name, ...m })));
  console.log(`  (${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
rmSync(work, { recursive: true, force: true });

console.log(`\n# all benchmarks (${((Date.now() - started) / 1000).toFixed(0)} s${quick ? ', --quick' : ''})\n`);
console.log(formatTable(metrics));
for (const f of failures) console.log(`FAILED ${f.benchmark}: ${f.error}`);
const results = {
  generatedAt: new Date().toISOString(),
  quick,
  machine: {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    node: process.version,
    loadAverageAtStart,
    loadAverageAtEnd: loadavg(),
  },
  metrics,
  failures,
};
writeFileSync(path.join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
// A partial run (--only) keeps the last full table.
if (onlyIndex < 0) {
  // Formatted like the rest of the tree (prettier --check covers docs/ too).
  const prettier = await import('prettier');
  const docPath = path.join(root, 'docs', 'benchResults.md');
  const options = { ...(await prettier.resolveConfig(docPath)), filepath: docPath };
  writeFileSync(docPath, await prettier.format(resultsMarkdown(results), options));
}
console.log(
  `\nwrote bench/results.json${onlyIndex < 0 ? ' and docs/benchResults.md' : ''} (${metrics.length} metrics, ${metrics.filter((m) => m.met === false).length} missing their goal, ${failures.length} failed)`,
);
process.exit(failures.length > 0 ? 1 : 0);
