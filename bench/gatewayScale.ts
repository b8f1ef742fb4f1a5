/**
 * Gateway scale: scripted Devices (SDK signaling protocol, real tokens) register in stages of 1,000, 2,000 and
 * 5,000 concurrent connections to a gateway process pinned to one core (the clients run on the other core). Each
 * stage adds Devices in a burst (50 registering at a time) while all earlier ones stay connected, then 200 probe
 * Devices register one at a time from a process of their own: their `listen` sent → `ready` received is the
 * register latency judged (TLS + WebSocket upgrade reported apart), with each process's event-loop delay and GC
 * pauses over the probe beside it.
 * `npx tsx bench/gatewayScale.ts [--quick]`
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  mintToken,
  probeInOwnProcess,
  SignalClient,
  startGatewayProcess,
  withConcurrency,
  type ProbeRun,
} from './lib/gatewayClient';
import { describeHealth, watchLoopHealth } from './lib/loopHealth';
import { atLeast, atMost, judgedOn, metric, quantile, runBenchmark, type Metric } from './lib/stats';

const IN_FLIGHT = 50;
const PROBE = 200;

async function connectAndRegister(
  origin: string,
  token: string,
  into: SignalClient[],
): Promise<{ connect: number; register: number }> {
  const c0 = performance.now();
  const client = await SignalClient.connect(origin);
  into.push(client);
  const c1 = performance.now();
  await client.register(token);
  return { connect: c1 - c0, register: performance.now() - c1 };
}

export async function measureGatewayScale(quick: boolean): Promise<Metric[]> {
  execFileSync('taskset', ['-pc', '0', String(process.pid)], { stdio: 'ignore' });
  const gateway = await startGatewayProcess({ core: 1 });
  const clients: SignalClient[] = [];
  const probes: ProbeRun[] = [];
  const metrics: Metric[] = [];
  try {
    const stages = quick ? [500, 1000] : [1000, 2000, 5000];
    for (const target of stages) {
      // Ramp: a burst of registrations, IN_FLIGHT at a time, up to PROBE short of the stage.
      const connected = clients.length + probes.length * PROBE;
      const rampIds = Array.from({ length: target - PROBE - connected }, (_, i) => `device-${clients.length + i}`);
      const rampTokens = rampIds.map((id) => mintToken(id, gateway.secret));
      const before = await gateway.stats();
      const t0 = performance.now();
      const ramp = await withConcurrency(rampTokens, IN_FLIGHT, (token) =>
        connectAndRegister(gateway.origin, token, clients),
      );
      const elapsedS = (performance.now() - t0) / 1000;
      const after = await gateway.stats();
      // Probe: PROBE more Devices register one at a time while all the others stay connected, from a process of
      // their own (the background connections' GC must not delay reading `ready`). The event loops and GC of all
      // three processes are watched over the probe: a late `ready` is one of their pauses or the gateway's work.
      const clientHealth = watchLoopHealth();
      const probeTokens = Array.from({ length: PROBE }, (_, i) => mintToken(`probe-${target}-${i}`, gateway.secret));
      const p0 = performance.now();
      const probeRun = await probeInOwnProcess(gateway.origin, probeTokens, 0);
      probes.push(probeRun);
      const probe = probeRun.samples;
      const probeHealth = clientHealth.take();
      clientHealth.stop();
      const final = await gateway.stats();
      const probeCpu = ((final.cpuMs - after.cpuMs) / (performance.now() - p0)) * 100;
      const register = probe.map((t) => t.register);
      const slowest = [...register].sort((a, b) => b - a).slice(0, 3);
      const p99 = quantile(register, 99);
      const burst = ramp.map((t) => t.register);
      const cpuMs = after.cpuMs - before.cpuMs;
      metrics.push(
        metric(
          `gateway: concurrent registered Devices (stage ${target.toLocaleString('en-US')})`,
          'Devices',
          [final.registered],
          atLeast(target),
          `ramp of ${rampIds.length}: ${(rampIds.length / elapsedS).toFixed(0)} registrations/s, gateway ${((cpuMs / (elapsedS * 1000)) * 100).toFixed(0)}% of its core, ` +
            `${(cpuMs / rampIds.length).toFixed(2)} ms gateway CPU per Device (TLS handshake included); gateway RSS ${final.rssMb.toFixed(0)} MB; ` +
            `burst register latency (${IN_FLIGHT} in flight) median ${quantile(burst, 50).toFixed(1)} ms, p99 ${quantile(burst, 99).toFixed(1)} ms; load average ${loadavg()[0]?.toFixed(1)}`,
        ),
        judgedOn(
          metric(
            `gateway: register latency at ${target.toLocaleString('en-US')} (p99 judged)`,
            'ms',
            register,
            null,
            `listen → ready of ${PROBE} Devices registering one at a time with ${(target - PROBE).toLocaleString('en-US')} connected; p99 ${p99.toFixed(1)} ms; ` +
              `TLS connect + upgrade median ${quantile(
                probe.map((t) => t.connect),
                50,
              ).toFixed(1)} ms; slowest ${slowest.map((ms) => ms.toFixed(1)).join(', ')} ms; ` +
              `over the probe, gateway: ${probeCpu.toFixed(0)}% of its core, ${describeHealth(final.health)}, heap ${final.heapMb.toFixed(0)} MB; probe process: ${describeHealth(probeRun.health)}; background clients' process: ${describeHealth(probeHealth)}`,
          ),
          p99,
          atMost(20),
          'p99',
        ),
      );
    }
    return metrics;
  } finally {
    await Promise.all(probes.map((p) => p.close()));
    await withConcurrency(clients, 200, (c) => c.close());
    await gateway.close();
  }
}

if (require.main === module) void runBenchmark('gateway scale', (args) => measureGatewayScale(args.quick));
