/**
 * Calls between two Chromium pages over the local gateway on loopback, each page running the project's
 * VoiceService over the real Voice SDK (configured from /client-config as the parcel does) on the window bus:
 *  - dial → open: service.dial('client:bob') until alice's state shows the call open (bob auto-accepts), with a
 *    breakdown from both pages' timestamped signaling frames;
 *  - the floor, measured in the same run and page between the calls: two bare RTCPeerConnections with microphone
 *    audio, candidates trickled across, until both are `connected`; dial → open is judged as a ratio to it (≤ 3×);
 * Every call leg ends on a server media peer; the caller is answered when the callee answers (answerOnBridge).
 * Bus dial → invite is bench/invite.ts.
 * `npx tsx bench/dial.ts [--quick]`
 */
import type { Page } from 'playwright-core';
import { ratioMetric } from './lib/ratio';
import { openVoicePair } from './lib/voicePair';
import { atMost, median, runBenchmark, type Metric } from './lib/stats';
import type { FrameStamp } from './pages/signalLog';
import type { VoiceBench } from './pages/voicePage';

type W = { voiceBench: VoiceBench };

/** The floor in `page`: two bare RTCPeerConnections on loopback connecting, in ms (self-contained for evaluate). */
const bareConnect = (page: Page): Promise<number> =>
  page.evaluate(async () => {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const t0 = performance.now();
    const [a, b] = [new RTCPeerConnection(), new RTCPeerConnection()];
    a.onicecandidate = (e) => void (e.candidate && b.addIceCandidate(e.candidate));
    b.onicecandidate = (e) => void (e.candidate && a.addIceCandidate(e.candidate));
    for (const track of stream.getTracks()) a.addTrack(track, stream);
    // Anonymous callbacks only: tsx names `const f = () => …` with a helper the page does not have.
    const connected = Promise.all(
      [a, b].map(
        (pc) =>
          new Promise<void>((resolve) =>
            pc.addEventListener('connectionstatechange', () => {
              if (pc.connectionState === 'connected') resolve();
            }),
          ),
      ),
    );
    await a.setLocalDescription(await a.createOffer());
    await b.setRemoteDescription(a.localDescription as RTCSessionDescription);
    await b.setLocalDescription(await b.createAnswer());
    await a.setRemoteDescription(b.localDescription as RTCSessionDescription);
    await connected;
    const ms = performance.now() - t0;
    a.close();
    b.close();
    for (const track of stream.getTracks()) track.stop();
    return ms;
  });

const framesOf = (page: Page): Promise<FrameStamp[]> => page.evaluate(() => (window as unknown as W).voiceBench.frames);
const firstAfter = (frames: FrameStamp[], direction: 'in' | 'out', type: string, after: number): number | null =>
  frames.find((f) => f.direction === direction && f.type === type && f.at >= after)?.at ?? null;

export async function measureDial(quick: boolean): Promise<Metric[]> {
  const { alice, bob, close } = await openVoicePair('voice');
  try {
    const hangUp = async (): Promise<void> => {
      await alice.evaluate(() => (window as unknown as W).voiceBench.hangupAll());
      await bob.evaluate(() => (window as unknown as W).voiceBench.whenAllClosed());
    };

    // Warm-up call and floor: first getUserMedia, SDK chunk evaluation, JIT.
    await alice.evaluate(() => (window as unknown as W).voiceBench.dialToOpen('client:bob'));
    await hangUp();
    await bareConnect(alice);

    const calls = quick ? 10 : 30;
    const totals: number[] = [];
    const floor: number[] = [];
    const phases = {
      toInvite: [] as number[],
      relayInvite: [] as number[],
      calleeAnswers: [] as number[],
      relayAnswer: [] as number[],
      toOpen: [] as number[],
    };
    // Where bob's invite → answer goes: when the call showed in state, and each WebRTC/media step's start and end.
    const calleeSteps = new Map<string, number[]>();
    const stampCallee = async (page: Page, inviteIn: number, answerOut: number): Promise<void> => {
      const [stamps, seen] = await page.evaluate(() => {
        const bench = (window as unknown as W).voiceBench;
        return [bench.steps, bench.incomingSeenAt()] as const;
      });
      const rows = [
        ...stamps.map((st) => ({ key: `${st.step} ${st.phase}`, at: st.at })),
        ...seen.map((at) => ({ key: 'call in state', at })),
      ];
      for (const { key, at } of rows) {
        if (at < inviteIn || at > answerOut) continue;
        const list = calleeSteps.get(key) ?? [];
        list.push(at - inviteIn);
        calleeSteps.set(key, list);
      }
    };
    for (let i = 0; i < calls; i += 1) {
      // Interleaved with the calls, so both see the same machine load.
      floor.push(await bareConnect(alice));
      const { t0, open } = await alice.evaluate(() => (window as unknown as W).voiceBench.dialToOpen('client:bob'));
      totals.push(open - t0);
      const [a, b] = await Promise.all([framesOf(alice), framesOf(bob)]);
      const inviteOut = firstAfter(a, 'out', 'invite', t0);
      const inviteIn = firstAfter(b, 'in', 'invite', t0);
      const answerOut = inviteIn === null ? null : firstAfter(b, 'out', 'answer', inviteIn);
      const answerIn = inviteOut === null ? null : firstAfter(a, 'in', 'answer', inviteOut);
      if (inviteIn && answerOut) await stampCallee(bob, inviteIn, answerOut);
      if (inviteOut && inviteIn && answerOut && answerIn) {
        phases.toInvite.push(inviteOut - t0);
        phases.relayInvite.push(inviteIn - inviteOut);
        phases.calleeAnswers.push(answerOut - inviteIn);
        phases.relayAnswer.push(answerIn - answerOut);
        phases.toOpen.push(open - answerIn);
      }
      await hangUp();
    }
    const med = (xs: number[]): string => `${median(xs).toFixed(1)}`;
    const breakdown =
      `median phases (ms): alice dial → invite sent ${med(phases.toInvite)}, gateway → invite at bob ${med(phases.relayInvite)}, ` +
      `bob invite → answer sent (auto-accept) ${med(phases.calleeAnswers)}, gateway → answer at alice ${med(phases.relayAnswer)}, ` +
      `alice answer → state open ${med(phases.toOpen)} (${phases.toInvite.length}/${calls} calls fully stamped); ` +
      `bob's side, median ms after the invite arrived: ` +
      [...calleeSteps.entries()]
        .map(([key, at]) => ({ key, at: median(at) }))
        .sort((a, b) => a.at - b.at)
        .map(({ key, at }) => `${key} ${at.toFixed(1)}`)
        .join(', ');

    return [
      ratioMetric({
        name: 'dial → open, client to client (real SDK, gateway)',
        unit: 'ms',
        samples: totals,
        baseline: { name: 'two bare RTCPeerConnections connecting in one page', samples: floor },
        goal: atMost(3),
        note:
          `${breakdown}. Floor: alice's page between the calls, offer/answer with candidates trickled across, ` +
          'until both connected',
      }),
    ];
  } finally {
    await close();
  }
}

if (require.main === module) void runBenchmark('dial latency', (args) => measureDial(args.quick));
