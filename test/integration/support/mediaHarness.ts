// Browser-side harness for the server-media suite: several real @twilio/voice-sdk Devices in one page, calls between
// them, and WebRTC stats per call (packets each way, audio energy) read from the page's own peer connections.
import { peerConnections } from './trackPeerConnections';
import { Call, Device } from '@twilio/voice-sdk';

export interface MediaEvent {
  identity: string;
  name: string;
  data?: unknown;
  code?: number;
  at: number;
}

const events: MediaEvent[] = [];
const devices = new Map<string, Device>();
const currentCall = new Map<string, Call>();
const autoAccept = new Set<string>();
/** Options every later `start` adds to /client-config's Device options (e.g. the product's local-mode ones). */
let extraDeviceOptions: Record<string, unknown> = {};

function watch(identity: string, call: Call): void {
  const log = (name: string, data?: unknown) => events.push({ identity, name, data, at: Date.now() });
  for (const name of ['accept', 'cancel', 'reject', 'disconnect', 'reconnecting', 'reconnected'] as const)
    call.on(name, () => log(name));
  call.on('ringing', (hasEarlyMedia: boolean) => log('ringing', { hasEarlyMedia }));
  call.on('error', (e: { code: number }) => events.push({ identity, name: 'error', code: e.code, at: Date.now() }));
}

async function inbound(pc: RTCPeerConnection | undefined): Promise<{ packets: number; energy: number }> {
  const out = { packets: 0, energy: 0 };
  if (!pc || pc.connectionState === 'closed') return out;
  (await pc.getStats()).forEach(
    (r: { type: string; kind?: string; packetsReceived?: number; totalAudioEnergy?: number }) => {
      if (r.type !== 'inbound-rtp' || r.kind !== 'audio') return;
      out.packets += r.packetsReceived ?? 0;
      out.energy += r.totalAudioEnergy ?? 0;
    },
  );
  return out;
}

const until = async (condition: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> => {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, 10));
  }
  return condition();
};

const harness = {
  events,
  async start(identity: string, codecPreferences: string[] = ['opus', 'pcmu']): Promise<string> {
    const config = (await (await fetch('/client-config')).json()) as { device: Record<string, unknown> };
    const { token } = (await (await fetch(`/token?identity=${encodeURIComponent(identity)}`)).json()) as {
      token: string;
    };
    const device = new Device(token, {
      ...config.device,
      ...extraDeviceOptions,
      codecPreferences,
      logLevel: 'silent',
      closeProtection: false,
    } as ConstructorParameters<typeof Device>[1]);
    device.on('incoming', (call: Call) => {
      watch(identity, call);
      events.push({ identity, name: 'incoming', at: Date.now() });
      currentCall.set(identity, call);
      if (autoAccept.has(identity)) harness.accept(identity);
    });
    devices.set(identity, device);
    // One microphone stream for every call of this Device (as the softphone's VoiceService selects one): the SDK
    // then opens no new getUserMedia stream per call.
    const [input] = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audioinput');
    if (input?.deviceId) await device.audio?.setInputDevice(input.deviceId);
    await device.register();
    return device.state;
  },
  setDeviceOptions(options: Record<string, unknown>): void {
    extraDeviceOptions = { ...options };
  },
  setAutoAccept(identity: string): void {
    autoAccept.add(identity);
  },
  accept(identity: string): void {
    currentCall.get(identity)?.accept();
  },
  /** How many peer connections the page created so far: the next call's caller PC gets this index, its callee's next. */
  mark(): number {
    return peerConnections.length;
  },
  /** Starts a call; resolves once connect() returned (the Call exists). */
  async dial(from: string, to: string): Promise<void> {
    const device = devices.get(from);
    if (!device) throw new Error(`no device ${from}`);
    const call = await device.connect({ params: { To: to } });
    watch(from, call);
    currentCall.set(from, call);
  },
  twilioCallSid(identity: string): string | null {
    return currentCall.get(identity)?.parameters['CallSid'] ?? null;
  },
  status(identity: string): string {
    return currentCall.get(identity)?.status() ?? 'none';
  },
  /** Inbound audio of the page's `index`-th peer connection. */
  inbound(index: number): Promise<{ packets: number; energy: number }> {
    return inbound(peerConnections[index]);
  },
  /**
   * One client-to-client call: dial, wait for `accept` (open), then measure how long until audio arrives both ways
   * (packets on both the caller's and the callee's peer connection); hang up and wait until both ends closed.
   */
  async callOnce(from: string, to: string): Promise<{ openMs: number; bothWaysMs: number | null }> {
    const first = peerConnections.length;
    const t0 = performance.now();
    await harness.dial(from, to);
    const call = currentCall.get(from) as Call;
    await new Promise<void>((resolve, reject) => {
      call.once('accept', () => resolve());
      call.once('disconnect', () => reject(new Error('disconnected before open')));
      call.once('error', (e: { code: number }) => reject(new Error(`call error ${e.code}`)));
    });
    const open = performance.now();
    const flowing = await until(
      async () =>
        (await inbound(peerConnections[first])).packets > 0 && (await inbound(peerConnections[first + 1])).packets > 0,
      3000,
    );
    const bothWaysMs = flowing ? performance.now() - open : null;
    const callee = currentCall.get(to);
    call.disconnect();
    await until(() => callee?.status() === 'closed', 5000);
    return { openMs: open - t0, bothWaysMs };
  },
  /** Dials and resolves at `accept` (the call stays up). */
  async holdCall(from: string, to: string): Promise<void> {
    await harness.dial(from, to);
    const call = currentCall.get(from) as Call;
    await new Promise<void>((resolve, reject) => {
      call.once('accept', () => resolve());
      call.once('error', (e: { code: number }) => reject(new Error(`call error ${e.code}`)));
    });
  },
  /**
   * The floor for dial → open: two bare RTCPeerConnections in this page with microphone audio, candidates trickled
   * straight across, until both are `connected`. Resolves with the milliseconds.
   */
  async bareConnect(): Promise<number> {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const t0 = performance.now();
    const [a, b] = [new RTCPeerConnection(), new RTCPeerConnection()];
    a.onicecandidate = (e) => void (e.candidate && b.addIceCandidate(e.candidate));
    b.onicecandidate = (e) => void (e.candidate && a.addIceCandidate(e.candidate));
    for (const track of stream.getTracks()) a.addTrack(track, stream);
    await a.setLocalDescription(await a.createOffer());
    await b.setRemoteDescription(a.localDescription as RTCSessionDescription);
    await b.setLocalDescription(await b.createAnswer());
    await a.setRemoteDescription(b.localDescription as RTCSessionDescription);
    await until(() => a.connectionState === 'connected' && b.connectionState === 'connected', 10_000);
    const ms = performance.now() - t0;
    a.close();
    b.close();
    for (const track of stream.getTracks()) track.stop();
    return ms;
  },
  hangup(identity: string): void {
    currentCall.get(identity)?.disconnect();
  },
  reset(): void {
    for (const call of currentCall.values()) if (call.status() !== 'closed') call.disconnect();
    currentCall.clear();
  },
};

(window as unknown as { harness: typeof harness }).harness = harness;
export type MediaHarness = typeof harness;
