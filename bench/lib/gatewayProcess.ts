/**
 * The gateway under test, in a process of its own (bench/lib/gatewayClient.ts starts it pinned to one core):
 * prints `{"origin": ...}` once listening, answers `stats` on stdin with its CPU time and memory, and closes on
 * stdin end or SIGTERM. Env: BENCH_SECRET (token signing secret).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { startServer } from '../../server/index';
import { watchLoopHealth } from './loopHealth';

async function main(): Promise<void> {
  const secret = process.env['BENCH_SECRET'];
  if (!secret) throw new Error('BENCH_SECRET is required');
  const staticDir = mkdtempSync(path.join(tmpdir(), 'bench-gateway-static-'));
  process.once('exit', () => rmSync(staticDir, { recursive: true, force: true }));
  const server = await startServer({
    port: 0,
    quiet: true,
    env: {},
    signingSecret: secret,
    staticDir,
    certDir: path.join(__dirname, '..', '..', '.cert'),
  });
  const reply = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value)}\n`);
  reply({ origin: server.origin });
  let closing = false;
  const close = (): void => {
    if (closing) return;
    closing = true;
    void server.close().then(() => process.exit(0));
  };
  const health = watchLoopHealth();
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    if (line.trim() !== 'stats') return;
    const { user, system } = process.cpuUsage();
    const registered = server.gateway.registrations().filter((r) => r.registered).length;
    const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
    // `health`: the event loop and GC since the previous `stats`.
    reply({
      cpuMs: (user + system) / 1000,
      rssMb: process.memoryUsage().rss / 2 ** 20,
      heapMb,
      registered,
      health: health.take(),
    });
  });
  lines.on('close', close);
  process.once('SIGTERM', close);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
