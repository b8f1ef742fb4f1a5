/**
 * Gateway call setups per second with server media: scripted caller/callee pairs (SDK protocol, real tokens) on a
 * gateway process pinned to one core, each scripted Device with a real WebRTC endpoint (a werift peer in this
 * process, on the other core), because every leg ends on a server peer that must negotiate real SDP. A setup =
 * caller `invite` with a real offer → `ringing` with the caller leg's answer (applied: the caller leg's ICE and DTLS
 * start) → gateway `invite` to the callee → callee `answer` (a real answer) → the caller receives `answer` once both
 * legs' media is up (answerOnBridge); then the caller hangs up. `npx tsx bench/callSetups.ts [--quick]`
 */
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { ServerPeer } from '../server/media/serverPeer';
import { mintToken, SignalClient, startGatewayProcess, withConcurrency, type Frame } from './lib/gatewayClient';
import { atLeast, metric, quantile, runBenchmark, type Metric } from './lib/stats';

/** The callee side: answers every invite at once with a real answer from its own WebRTC endpoint. */
function autoAnswer(callee: SignalClient, endpoints: Map<string, ServerPeer>): void {
  callee.onFrame = (frame: Frame) => {
    const callsid = String(frame.payload['callsid']);
    if (frame.type === 'invite') {
      void ServerPeer.answer(String(frame.payload['sdp'])).then(({ peer, answerSdp }) => {
        endpoints.set(callsid, peer);
        callee.send('answer', { callsid, sdp: answerSdp });
      });
    }
    // The caller's hangup reaches the callee as `hangup`: its endpoint is done.
    if (frame.type === 'hangup' || frame.type === 'cancel') {
      void endpoints.get(callsid)?.close();
      endpoints.delete(callsid);
    }
  };
}

let tempSidCounter = 0;

/** One call setup from `caller` to `calleeIdentity`; resolves with invite → answer ms once hung up. */
async function setUpCall(caller: SignalClient, calleeIdentity: string): Promise<number> {
  tempSidCounter += 1;
  const callsid = `TJ${tempSidCounter.toString(16).padStart(32, '0')}`;
  const t0 = performance.now();
  const { peer, offerSdp } = await ServerPeer.offer({ only: 'opus' });
  try {
    const ringing = caller.next('ringing', (f) => f.payload['callsid'] !== undefined);
    const answered = caller.next('answer', (f) => f.payload['callsid'] !== undefined);
    caller.send('invite', {
      callsid,
      sdp: offerSdp,
      twilio: { params: `To=${encodeURIComponent(`client:${calleeIdentity}`)}` },
    });
    // Early media, as the SDK does: the ringing SDP is the caller leg's answer.
    const early = await ringing;
    await peer.acceptAnswer(String(early.payload['sdp']));
    const answer = await answered;
    const ms = performance.now() - t0;
    caller.send('hangup', { callsid: answer.payload['callsid'] as string });
    return ms;
  } finally {
    await peer.close();
  }
}

export async function measureCallSetups(quick: boolean): Promise<Metric[]> {
  execFileSync('taskset', ['-pc', '0', String(process.pid)], { stdio: 'ignore' });
  const gateway = await startGatewayProcess({ core: 1 });
  const clients: SignalClient[] = [];
  const calleeEndpoints: Array<Map<string, ServerPeer>> = [];
  try {
    const pairs = quick ? 4 : 10;
    const callsPerPair = quick ? 5 : 10;
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
        // Frames the caller does not wait for (hangup echoes) are ignored.
        const endpoints = new Map<string, ServerPeer>();
        calleeEndpoints.push(endpoints);
        autoAnswer(callee, endpoints);
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
        'gateway: call setups per second (server media, both legs connected)',
        'setups/s',
        rates,
        atLeast(500),
        `${windows} windows × ${pairs} pairs × ${callsPerPair} calls; gateway ${((100 * cpu) / busy).toFixed(0)}% of its core, ` +
          `${(cpu / total).toFixed(2)} ms gateway CPU per setup (two server peers: SDP, ICE, DTLS; six signalling frames); load average ${loadavg()[0]?.toFixed(1)}`,
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
    for (const endpoints of calleeEndpoints) for (const peer of endpoints.values()) await peer.close();
    await withConcurrency(clients, 100, (c) => c.close());
    await gateway.close();
  }
}

if (require.main === module) void runBenchmark('gateway call setups', (args) => measureCallSetups(args.quick));
