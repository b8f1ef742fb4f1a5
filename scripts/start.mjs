// `npm start`: build dist/ when it is missing or older than its sources, then run the server (token
// endpoint, voice gateway and demo shell on one TLS origin). Ctrl-C / SIGTERM stop the child cleanly.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

/** What the browser loads; if any is missing the build is incomplete. */
const OUTPUTS = [
  'index.html',
  'importmap.json',
  'switchboard-softphone.js',
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
const INPUTS = ['src', 'demo', 'public', 'importmap.json', 'webpack.config.js', 'package-lock.json'];

function newestFile(target) {
  if (!existsSync(target)) return undefined;
  const stat = statSync(target);
  if (!stat.isDirectory()) return { file: target, mtimeMs: stat.mtimeMs };
  let newest;
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    const candidate = newestFile(path.join(target, entry.name));
    if (candidate && (!newest || candidate.mtimeMs > newest.mtimeMs)) newest = candidate;
  }
  return newest;
}

/** Why dist/ must be rebuilt, or undefined when it is up to date. */
function buildReason() {
  const missing = OUTPUTS.filter((file) => !existsSync(path.join(dist, file)));
  if (missing.length > 0) return `dist/ is missing ${missing.join(', ')}`;
  const oldestOutput = Math.min(...OUTPUTS.map((file) => statSync(path.join(dist, file)).mtimeMs));
  for (const input of INPUTS) {
    const newest = newestFile(path.join(root, input));
    if (newest && newest.mtimeMs > oldestOutput)
      return `${path.relative(root, newest.file)} changed after the last build`;
  }
  return undefined;
}

let child;
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    // A terminal's Ctrl-C reaches the child too; forwarding covers `kill <pid>` of this process alone.
    if (child && child.exitCode === null && child.signalCode === null) child.kill(signal);
    else process.exit(130);
  });
}

function run(command, args) {
  return new Promise((resolve) => {
    child = spawn(command, args, { cwd: root, stdio: 'inherit', env: process.env });
    child.on('error', (error) => {
      console.error(`Could not run ${command}: ${error.message}`);
      resolve({ code: 1, signal: null });
    });
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
}

// The local CLIs run directly with this Node (what `npx webpack` / `npx tsx` resolve to, one process fewer).
const webpackCli = path.join(root, 'node_modules/webpack/bin/webpack.js');
const tsxCli = path.join(root, 'node_modules/tsx/dist/cli.mjs');

const reason = buildReason();
if (reason) {
  console.log(`Building the bundles (${reason}): webpack --mode=production`);
  const build = await run(process.execPath, [webpackCli, '--mode=production']);
  if (stopping) process.exit(130);
  if (build.code !== 0) {
    console.error('The build failed; not starting the server.');
    process.exit(build.code ?? 1);
  }
} else {
  console.log('dist/ is up to date; skipping the build.');
}

console.log('Starting the server: tsx server/main.ts');
const server = await run(process.execPath, [tsxCli, 'server/main.ts']);
process.exit(server.code ?? (server.signal ? 0 : 1));
