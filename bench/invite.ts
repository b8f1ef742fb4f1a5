/**
 * Bus `dial` → SDK `invite` sent, against its in-run baseline: alice's page dispatches a `dial` command as a DOM
 * CustomEvent (the project's VoiceService over the real SDK, on the window bus) until the SDK hands the `invite`
 * frame to its WebSocket; beside it, in the same page and alternating, `createOffer` + `setLocalDescription` alone
 * on a fresh RTCPeerConnection with the microphone track. The note splits the dial into the WebRTC and media steps
 * (median ms after the dispatch). bob auto-accepts over the local gateway so each call ends cleanly.
 * `npx tsx bench/invite.ts [--quick]`
 */
import { profileDuring } from './lib/profile';
import { ratioMetric } from './lib/ratio';
import { openVoicePair } from './lib/voicePair';
import { atMost, median, runBenchmark, type Metric } from './lib/stats';
import type { VoiceBench } from './pages/voicePage';

type W = { voiceBench: VoiceBench };

export async function measureInvite(quick: boolean): Promise<Metric[]> {
  const { alice, bob, dir, close } = await openVoicePair('invite');
  try {
    const samples: number[] = [];
    const baseline: number[] = [];
    const steps = new Map<string, Array<{ first: number; count: number; inside: number }>>();
    const dialOnce = async (record: boolean): Promise<void> => {
      const { ms, t0 } = await alice.evaluate(() => (window as unknown as W).voiceBench.busDialToInvite('client:bob'));
      const stamps = (await alice.evaluate(() => (window as unknown as W).voiceBench.steps)).filter(
        (s) => s.at >= t0 && s.at <= t0 + ms,
      );
      await alice.evaluate(() => (window as unknown as W).voiceBench.whenOpen());
      await alice.evaluate(() => (window as unknown as W).voiceBench.hangupAll());
      await bob.evaluate(() => (window as unknown as W).voiceBench.whenAllClosed());
      if (!record) return;
      samples.push(ms);
      // Per step of this dial: when it first started (after the dispatch), how many times, ms inside it in all.
      const open = new Map<string, number>();
      const perDial = new Map<string, { first: number; count: number; inside: number }>();
      for (const s of stamps) {
        const entry = perDial.get(s.step) ?? { first: s.at - t0, count: 0, inside: 0 };
        if (s.phase === 'start') {
          open.set(s.step, s.at);
          entry.count += 1;
        } else entry.inside += s.at - (open.get(s.step) ?? s.at);
        perDial.set(s.step, entry);
      }
      for (const [step, entry] of perDial) steps.set(step, [...(steps.get(step) ?? []), entry]);
    };
    // Warm-up: first getUserMedia, the SDK chunk, JIT.
    await dialOnce(false);
    await alice.evaluate(() => (window as unknown as W).voiceBench.offerAlone());
    const calls = quick ? 10 : 30;
    for (let i = 0; i < calls; i += 1) {
      baseline.push(await alice.evaluate(() => (window as unknown as W).voiceBench.offerAlone()));
      await dialOnce(true);
    }
    const profile = await profileDuring(alice, async () => {
      for (let i = 0; i < 3; i += 1) await dialOnce(false);
    }, [dir]);
    const med = (xs: number[]): number => median(xs);
    const breakdown = [...steps.entries()]
      .map(([step, list]) => ({
        step,
        first: med(list.map((e) => e.first)),
        count: med(list.map((e) => e.count)),
        inside: med(list.map((e) => e.inside)),
      }))
      .sort((a, b) => a.first - b.first)
      .map((e) => `${e.step} from ${e.first.toFixed(1)} (${e.count}×, ${e.inside.toFixed(1)} ms inside)`)
      .join(', ');
    return [
      ratioMetric({
        name: 'bus dial command → SDK invite sent',
        unit: 'ms',
        samples,
        baseline: { name: 'createOffer + setLocalDescription alone, same page', samples: baseline },
        goal: atMost(2),
        note: `CustomEvent dispatched → invite frame given to the WebSocket, ${calls} calls alternating with the baseline; steps of the SDK (median ms after the dispatch; the first one marks the end of the bus + service + SDK JS before it): ${breakdown}; alice's main-thread CPU over 3 dials to open and hang-up: ${profile}`,
      }),
    ];
  } finally {
    await close();
  }
}

if (require.main === module) void runBenchmark('bus dial → invite', (args) => measureInvite(args.quick));
