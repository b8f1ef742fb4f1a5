/**
 * Gateway call setups per second, signalling relay only: scripted caller/callee pairs (SDK protocol, real tokens)
 * on a gateway process pinned to one core. A setup = caller `invite` (To=client:callee) → gateway `invite` to the
 * callee → callee `answer` → caller receives `answer`; then the caller hangs up. The gateway's
 * `candidateWaitMs` (its wait for browser ICE candidates from insights, 300 ms by default) is 0 here, since the
 * scripted offers carry their candidate in the SDP. `npx tsx bench/callSetups.ts [--quick]`
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { mintToken, SignalClient, startGatewayProcess, withConcurrency, type Frame } from './lib/gatewayClient';
import { atLeast, metric, quantile, runBenchmark, type Metric } from './lib/stats';

const SDP = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'm=audio 50000 UDP/TLS/RTP/SAVPF 111 0',
  'c=IN IP4 127.0.0.1',
  'a=mid:0',
  'a=sendrecv',
  'a=rtpmap:111 opus/48000/2',
  'a=rtpmap:0 PCMU/8000',
  'a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host',
  '',
].join('\r\n');

/** The callee side: answers every invite at once. */
function autoAnswer(callee: SignalClient): void {
  callee.onFrame = (frame: Frame) => {
    if (frame.type === 'invite') callee.send('answer', { callsid: frame.payload['callsid'], sdp: SDP });
  };
}

let tempSidCounter = 0;

/** One call setup from `caller` to `calleeIdentity`; resolves with invite → answer ms once hung up. */
async function setUpCall(caller: SignalClient, calleeIdentity: string): Promise<number> {
  tempSidCounter += 1;
  const callsid = `TJ${tempSidCounter.toString(16).padStart(32, '0')}`;
  const answered = caller.next('answer', (f) => f.payload['callsid'] !== undefined);
  const t0 = performance.now();
  caller.send('invite', {
    callsid,
    sdp: SDP,
    twilio: { params: `To=${encodeURIComponent(`client:${calleeIdentity}`)}` },
  });
  const answer = await answered;
  const ms = performance.now() - t0;
  caller.send('hangup', { callsid: answer.payload['callsid'] as string });
  return ms;
}

export async function measureCallSetups(quick: boolean): Promise<Metric[]> {
  execFileSync('taskset', ['-pc', '0', String(process.pid)], { stdio: 'ignore' });
  const gateway = await startGatewayProcess({ core: 1 });
  const clients: SignalClient[] = [];
  try {
    const pairs = quick ? 50 : 100;
    const callsPerPair = quick ? 20 : 50;
    const windows = quick ? 2 : 3;
    const pairList = await withConcurrency(
      Array.from({ length: pairs }, (_, i) => i),
      20,
      async (i) => {
        const [caller, callee] = await Promise.all([
          SignalClient.connect(gateway.origin),
          SignalClient.connect(gateway.origin),
        ]);
        clients.push(caller, callee);
        await Promise.all([
          caller.register(mintToken(`caller-${i}`, gateway.secret)),
          callee.register(mintToken(`callee-${i}`, gateway.secret)),
        ]);
        // Frames the caller does not wait for (ringing, hangup echoes) are ignored.
        autoAnswer(callee);
        return { caller, calleeIdentity: `callee-${i}` };
      },
    );
    const rates: number[] = [];
    const latencies: number[] = [];
    let cpu = 0;
    let busy = 0;
    for (let w = 0; w < windows; w += 1) {
      const before = await gateway.stats();
      const t0 = performance.now();
      await Promise.all(
        pairList.map(async ({ caller, calleeIdentity }) => {
          for (let c = 0; c < callsPerPair; c += 1) latencies.push(await setUpCall(caller, calleeIdentity));
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      const after = await gateway.stats();
      rates.push((pairs * callsPerPair) / seconds);
      cpu += after.cpuMs - before.cpuMs;
      busy += seconds * 1000;
    }
    const total = windows * pairs * callsPerPair;
    return [
      metric(
        'gateway: call setups per second (signalling relay)',
        'setups/s',
        rates,
        atLeast(500),
        `${windows} windows × ${pairs} pairs × ${callsPerPair} calls; gateway ${((100 * cpu) / busy).toFixed(0)}% of its core, ` +
          `${(cpu / total).toFixed(2)} ms gateway CPU per setup (invite, ringing, relayed invite, answer, answer, hangup ×2); load average ${loadavg()[0]?.toFixed(1)}`,
      ),
      metric(
        'gateway: call setup latency (invite → answer)',
        'ms',
        latencies,
        null,
        `${pairs} setups in flight; p99 ${quantile(latencies, 99).toFixed(1)} ms`,
      ),
    ];
  } finally {
    await withConcurrency(clients, 100, (c) => c.close());
    await gateway.close();
  }
}

if (require.main === module) void runBenchmark('gateway call setups', (args) => measureCallSetups(args.quick));
