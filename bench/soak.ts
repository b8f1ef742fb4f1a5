/**
 * Soak (issue 14): two phones (alice, bob) running the project's VoiceService over the real SDK against the local
 * gateway on short-lived tokens, for a number of token refresh cycles, with calls between them spread over the run.
 * Measured:
 *  - lost registrations: samples (every 250 ms) where a phone was not routable at the gateway (no open, authorized,
 *    registered socket), and where its state said `registered` while it was not;
 *  - calls to a phone that said `registered` and did not ring within 5 s;
 *  - token fetches against the ideal (one per refresh interval `max(ttl − margin, ttl / 2, 5 s)` per phone, plus the
 *    first one).
 * Default: TTL 10 s (refresh every 5 s), 200 refresh cycles over both phones (≈ 8.5 min), 20 calls. `--quick`: 40
 * cycles (≈ 1.7 min), 6 calls. `--cycles N` and `--ttl S` override. `npx tsx bench/soak.ts [--quick]`
 */
import type { SoftphoneState } from '../src/contract/schema';
import { refreshDelay } from '../src/voice/tokenRefresher';
import { bundleServiceHarness } from '../test/integration/support/harnessPages';
import { ServicePage } from '../test/integration/support/servicePage';
import { launchBrowser, startBenchServer } from './lib/browser';
import { atMost, metric, runBenchmark, type Metric } from './lib/stats';

const MARGIN_MS = 30_000;
const SAMPLE_MS = 250;

function numberArg(flag: string): number | null {
  const i = process.argv.indexOf(flag);
  const value = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : null;
}

const isRegistered = (s: SoftphoneState): boolean => s.device.state === 'registered';
const ringingSince = (s: SoftphoneState, after: number): boolean =>
  s.calls.some((c) => c.direction === 'incoming' && c.status === 'pending' && c.startedAt >= after);

interface Tally {
  samples: number;
  unroutable: number;
  lying: number;
  callsTried: number;
  callsMissed: number;
}

/** One call from `from` to `to` when `to` says registered; a miss when it does not ring within 5 s. */
async function callOnce(from: ServicePage, to: ServicePage, tally: Tally): Promise<void> {
  if (!isRegistered(await to.state())) return;
  tally.callsTried++;
  const t0 = Date.now() - 1000;
  await from.ok('dial', `client:${to.identity}`);
  const rang = await to.waitForState(ringingSince, t0, { timeout: 5_000 }).then(
    () => true,
    () => false,
  );
  if (!rang) tally.callsMissed++;
  await from.ok('hangupAll');
  await Promise.all([from.allClosed(), to.allClosed()]);
}

export async function measureSoak(quick: boolean): Promise<Metric[]> {
  const ttlSeconds = numberArg('--ttl') ?? 10;
  const cycles = numberArg('--cycles') ?? (quick ? 40 : 200);
  const calls = quick ? 6 : 20;
  const intervalMs = refreshDelay(ttlSeconds * 1000, MARGIN_MS);
  const durationMs = (cycles / 2) * intervalMs;

  const staticDir = await bundleServiceHarness();
  const server = await startBenchServer(staticDir);
  const session = await launchBrowser();
  // The harness waits by evaluating predicate source in the page, which the server's CSP forbids (instrumentation).
  const context = await session.browser.newContext({
    ignoreHTTPSErrors: true,
    permissions: ['microphone'],
    bypassCSP: true,
  });
  const fetches = new Map<string, number>([
    ['alice', 0],
    ['bob', 0],
  ]);
  context.on('request', (request) => {
    const url = new URL(request.url());
    const identity = url.pathname === '/token' ? url.searchParams.get('identity') : null;
    if (identity !== null) fetches.set(identity, (fetches.get(identity) ?? 0) + 1);
  });
  try {
    const start = { tokenUrl: `/token?ttl=${ttlSeconds}`, tokenRefreshMs: MARGIN_MS };
    const [alice, bob] = await Promise.all(
      ['alice', 'bob'].map(async (identity) => {
        const page = await ServicePage.open(context, server.origin, identity, start);
        await page.waitForState(isRegistered, null, { timeout: 15_000 });
        return page;
      }),
    );
    const tally: Tally = { samples: 0, unroutable: 0, lying: 0, callsTried: 0, callsMissed: 0 };
    const t0 = Date.now();
    const before = new Map(fetches);
    let nextCallAt = t0 + durationMs / (calls + 1);
    let callIndex = 0;
    while (Date.now() - t0 < durationMs) {
      const registrations = server.gateway.registrations();
      for (const phone of [alice, bob]) {
        const routable = registrations.some((r) => r.identity === phone.identity && r.registered && !r.tokenExpired);
        const said = isRegistered(await phone.state());
        tally.samples++;
        if (!routable) tally.unroutable++;
        if (said && !routable) tally.lying++;
      }
      if (Date.now() >= nextCallAt && callIndex < calls) {
        await (callIndex % 2 === 0 ? callOnce(alice, bob, tally) : callOnce(bob, alice, tally));
        callIndex++;
        nextCallAt = t0 + ((callIndex + 1) * durationMs) / (calls + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }
    const elapsed = Date.now() - t0;
    const refreshed = [...fetches].reduce((sum, [id, n]) => sum + n - (before.get(id) ?? 0), 0);
    const ideal = (2 * elapsed) / intervalMs;
    const ran =
      `${cycles} refresh cycles requested over 2 phones, TTL ${ttlSeconds} s, tokenRefreshMs ${MARGIN_MS} ms ` +
      `(refresh every ${intervalMs / 1000} s), ${(elapsed / 1000).toFixed(0)} s`;
    return [
      metric(
        'soak: lost registrations (samples not routable at the gateway)',
        'samples',
        [tally.unroutable],
        atMost(0),
        `${ran}; ${tally.samples} samples every ${SAMPLE_MS} ms`,
      ),
      metric('soak: state said registered but the gateway would not route', 'samples', [tally.lying], atMost(0), ran),
      metric(
        'soak: calls to a registered phone that did not ring ≤ 5 s',
        'calls',
        [tally.callsMissed],
        atMost(0),
        `${tally.callsTried} of ${calls} calls placed (callee registered at dial time)`,
      ),
      metric(
        'soak: token fetches / ideal',
        'ratio',
        [refreshed / ideal],
        atMost(1.2),
        `${refreshed} fetches during the soak, ideal ${ideal.toFixed(1)} (2 phones × elapsed / refresh interval)`,
      ),
    ];
  } finally {
    await context.close().catch(() => undefined);
    await session.close();
    await server.close();
  }
}

if (require.main === module)
  void runBenchmark('soak: token refresh cycles with calls', (args) => measureSoak(args.quick));
