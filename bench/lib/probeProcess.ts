/**
 * The register-latency probe in a process of its own (bench/gatewayScale.ts): the thousands of background
 * connections live in the benchmark's process, whose GC and heartbeat traffic would otherwise delay reading the
 * probe's `ready` and count as gateway latency. Reads one JSON line `{ origin, tokens }` on stdin, registers one
 * Device per token one at a time, prints `{ samples, health }`, keeps them connected until stdin ends.
 */
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { SignalClient } from './gatewayClient';
import { watchLoopHealth } from './loopHealth';

async function main(): Promise<void> {
  const lines = createInterface({ input: process.stdin });
  const clients: SignalClient[] = [];
  const closeAll = async (): Promise<void> => {
    await Promise.all(clients.map((c) => c.close()));
    process.exit(0);
  };
  lines.once('close', () => void closeAll());
  const request = await new Promise<string>((resolve) => lines.once('line', resolve));
  const { origin, tokens } = JSON.parse(request) as { origin: string; tokens: string[] };
  const health = watchLoopHealth();
  const samples: Array<{ connect: number; register: number }> = [];
  for (const token of tokens) {
    const c0 = performance.now();
    const client = await SignalClient.connect(origin);
    clients.push(client);
    const c1 = performance.now();
    await client.register(token);
    samples.push({ connect: c1 - c0, register: performance.now() - c1 });
  }
  process.stdout.write(`${JSON.stringify({ samples, health: health.take() })}\n`);
  health.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
