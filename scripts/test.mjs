// `npm test`: type-check, build the module (browser tests load the built bundles), then run every
// Jest project (unit, server, integration, e2e) and print one closing summary line.
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';

const extra = process.argv.slice(2);
function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: false });
  return r.status ?? 1;
}

// Style and architecture rules first: formatting (Prettier) and lint (file/function size limits, layering).
if (run('npx', ['prettier', '--check', '--log-level', 'warn', '.']) !== 0) process.exit(1);
if (run('npx', ['eslint', '.']) !== 0) process.exit(1);
if (run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']) !== 0) process.exit(1);
if (run('npx', ['tsc', '--noEmit', '-p', 'server/tsconfig.json']) !== 0) process.exit(1);
if (run('npm', ['run', '--silent', 'build']) !== 0) process.exit(1);

mkdirSync('test-artifacts', { recursive: true });
const status = run('npx', ['jest', '--ci', '--json', '--outputFile=test-artifacts/jest-results.json', ...extra]);
try {
  const r = JSON.parse(readFileSync('test-artifacts/jest-results.json', 'utf8'));
  console.log(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
} catch {
  console.log('\ntests: 0 passed, 1 failed (no Jest results were written)');
}
process.exit(status);
