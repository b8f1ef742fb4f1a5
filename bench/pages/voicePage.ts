// Voice benchmark page: the project's VoiceService over the real @twilio/voice-sdk, configured from the server's
// /client-config exactly as the parcel does, published on the window bus (attachToBus). Signaling frames are
// timestamped (signalLog.ts). Exposes `window.voiceBench`.
import { frames, nextFrame, steps, wallNow } from './signalLog';
import { attachToBus } from '../../src/bus/host';
import type { SoftphoneState } from '../../src/contract/schema';
import type { SoftphoneService } from '../../src/contract/service';
import { loadClientConfig } from '../../src/parcel/clientConfig';
import { createTabbedPhone } from '../../src/parcel/createTabbedPhone';

let service: SoftphoneService | null = null;
let autoAccept = false;
/** The microphone stream of the offer baseline, acquired once (the SDK keeps its stream across calls too). */
let baselineStream: MediaStream | null = null;
/** Wall-clock time at which each incoming call first showed up in state, by sid. */
const incomingSeen = new Map<string, number>();

function requireService(): SoftphoneService {
  if (!service) throw new Error('voiceBench: start() first');
  return service;
}

function whenState(label: string, predicate: (state: SoftphoneState) => boolean, timeoutMs = 10_000): Promise<number> {
  const svc = requireService();
  return new Promise((resolve, reject) => {
    let done = false;
    let last: SoftphoneState | undefined;
    const timer = setTimeout(() => {
      done = true;
      subscription.unsubscribe();
      reject(
        new Error(
          `voiceBench: ${label}: not within ${timeoutMs} ms; lastError ${JSON.stringify(last?.lastError)}; last call ${JSON.stringify(last?.calls.at(-1))}`,
        ),
      );
    }, timeoutMs);
    const subscription = svc.state$.subscribe((state) => {
      last = state;
      if (done || !predicate(state)) return;
      done = true;
      const at = wallNow();
      clearTimeout(timer);
      queueMicrotask(() => subscription.unsubscribe());
      resolve(at);
    });
  });
}

const voiceBench = {
  frames,
  steps,
  async start(identity: string): Promise<void> {
    const loaded = await loadClientConfig('/client-config');
    if (!loaded.ok) throw new Error(loaded.message);
    service = createTabbedPhone({
      identity,
      tokenUrl: loaded.config.tokenUrl ?? '/token',
      logLevel: 'silent',
      ...(loaded.config.mode === 'local' && { gateway: loaded.config.device }),
    });
    attachToBus(service);
    service.state$.subscribe((state) => {
      for (const call of state.calls) {
        if (call.direction !== 'incoming' || call.status !== 'pending' || incomingSeen.has(call.sid)) continue;
        incomingSeen.set(call.sid, wallNow());
        if (autoAccept) service?.accept(call.sid).catch(() => undefined);
      }
    });
    await service.start();
    await whenState('registered', (s) => s.device.state === 'registered');
  },
  setAutoAccept(value: boolean): void {
    autoAccept = value;
  },

  /** service.dial → state shows the call open. Wall-clock stamps of both ends. */
  async dialToOpen(to: string): Promise<{ t0: number; open: number; callSid: string }> {
    const svc = requireService();
    const t0 = wallNow();
    const { callSid } = await svc.dial(to);
    const open = await whenState(`${callSid} open`, (s) =>
      s.calls.some((c) => c.sid === callSid && c.status === 'open'),
    );
    return { t0, open, callSid };
  },

  /** A `dial` command dispatched as a DOM CustomEvent → the SDK's `invite` frame handed to the WebSocket. */
  async busDialToInvite(to: string): Promise<{ ms: number; t0: number }> {
    const invite = nextFrame('out', 'invite');
    const t0 = wallNow();
    window.dispatchEvent(
      new CustomEvent('softphone:command', { detail: { v: 1, id: `bench-${t0}`, type: 'dial', to } }),
    );
    return { ms: (await invite).at - t0, t0 };
  },

  /**
   * The invite's in-run baseline: `createOffer` + `setLocalDescription` alone on a fresh RTCPeerConnection with the
   * page's microphone track, the WebRTC work the SDK cannot skip before it sends an invite. Returns ms.
   */
  async offerAlone(): Promise<number> {
    baselineStream ??= await navigator.mediaDevices.getUserMedia({ audio: true });
    const pc = new RTCPeerConnection();
    for (const track of baselineStream.getAudioTracks()) pc.addTrack(track, baselineStream);
    const t0 = wallNow();
    await pc.setLocalDescription(await pc.createOffer());
    const ms = wallNow() - t0;
    pc.close();
    return ms;
  },

  async hangupAll(): Promise<void> {
    await requireService().hangupAll();
    await whenState('all closed after hangupAll', (s) => s.calls.every((c) => c.status === 'closed'));
  },

  /** Resolves once there is an open call. */
  async whenOpen(): Promise<void> {
    await whenState('a call open', (s) => s.calls.some((c) => c.status === 'open'));
  },

  /** Resolves once every call is closed. */
  async whenAllClosed(): Promise<void> {
    await whenState('all closed', (s) => s.calls.every((c) => c.status === 'closed'));
  },

  incomingSeenAt(): number[] {
    return [...incomingSeen.values()];
  },
};

(window as unknown as { voiceBench: typeof voiceBench }).voiceBench = voiceBench;
export type VoiceBench = typeof voiceBench;
