// Browser-side harness for the simulated numbers: one real @twilio/voice-sdk Device that dials numbers and records
// every Call event (including quality warnings) plus the audio statistics of its peer connection.
// Bundled with esbuild by test/integration/numbers.test.ts; exposes `window.numbers` for page.evaluate().
import { peerConnections } from './trackPeerConnections';
import { Call, Device } from '@twilio/voice-sdk';

export interface NumberCallEvent {
  name: string;
  code?: number;
  data?: unknown;
  at: number;
}

export interface AudioStats {
  packetsReceived: number;
  packetsLost: number;
  /** Energy of the audio received (the echo), cumulative. */
  receivedEnergy: number;
  /** Energy of the microphone audio sent, cumulative. */
  sentEnergy: number;
  codec: string | null;
}

const events: NumberCallEvent[] = [];
let device: Device | null = null;
let current: Call | null = null;
let autoAccept = false;

function record(name: string, extra: { code?: number; data?: unknown } = {}): void {
  events.push({ name, ...extra, at: Date.now() });
}

function watch(call: Call): void {
  for (const name of ['ringing', 'accept', 'cancel', 'reject', 'disconnect', 'reconnecting', 'reconnected'] as const) {
    call.on(name, () => record(name));
  }
  call.on('mute', (muted: boolean) => record('mute', { data: muted }));
  call.on('messageReceived', (m: { content: unknown }) => record('messageReceived', { data: m.content }));
  call.on('messageSent', () => record('messageSent'));
  call.on('warning', (name: string) => record('warning', { data: name }));
  call.on('warning-cleared', (name: string) => record('warning-cleared', { data: name }));
  call.on('error', (e: { code: number }) => record('error', { code: e.code }));
}

const numbers = {
  events,
  async start(identity: string): Promise<string> {
    const config = (await (await fetch('/client-config')).json()) as { device: Record<string, unknown> };
    const { token } = (await (await fetch(`/token?identity=${encodeURIComponent(identity)}`)).json()) as {
      token: string;
    };
    device = new Device(token, {
      ...config.device,
      logLevel: 'silent',
      closeProtection: false,
      enableImprovedSignalingErrorPrecision: true,
    } as ConstructorParameters<typeof Device>[1]);
    device.on('incoming', (call: Call) => {
      record('incoming', { data: call.parameters['From'] ?? null });
      watch(call);
      current = call;
      if (autoAccept) call.accept();
    });
    await device.register();
    return device.state;
  },
  /** Places a call and returns at once; the test follows its events. */
  async dial(to: string): Promise<void> {
    if (!device) throw new Error('no device');
    record('dial');
    current = await device.connect({ params: { To: to } });
    watch(current);
  },
  /** Accept incoming calls as they arrive (calls the gateway places through the control API). */
  setAutoAccept(value: boolean): void {
    autoAccept = value;
  },
  status(): string {
    return current ? current.status() : 'none';
  },
  hangup(): void {
    current?.disconnect();
  },
  mute(muted: boolean): void {
    current?.mute(muted);
  },
  sendDigits(digits: string): void {
    current?.sendDigits(digits);
  },
  sendMessage(content: unknown): void {
    current?.sendMessage({ content, messageType: 'user-defined-message' });
  },
  openPeerConnections(): number {
    return peerConnections.filter((pc) => pc.connectionState !== 'closed').length;
  },
  async audioStats(): Promise<AudioStats> {
    const out: AudioStats = { packetsReceived: 0, packetsLost: 0, receivedEnergy: 0, sentEnergy: 0, codec: null };
    for (const pc of peerConnections) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      const codecs = new Map<string, string>();
      stats.forEach((r: { type: string; id: string; mimeType?: string }) => {
        if (r.type === 'codec' && r.mimeType) codecs.set(r.id, r.mimeType);
      });
      stats.forEach(
        (r: {
          type: string;
          kind?: string;
          packetsReceived?: number;
          packetsLost?: number;
          totalAudioEnergy?: number;
          codecId?: string;
        }) => {
          if (r.type === 'inbound-rtp' && r.kind === 'audio') {
            out.packetsReceived += r.packetsReceived ?? 0;
            out.packetsLost += r.packetsLost ?? 0;
            out.receivedEnergy += r.totalAudioEnergy ?? 0;
            out.codec = (r.codecId && codecs.get(r.codecId)) ?? out.codec;
          }
          if (r.type === 'media-source' && r.kind === 'audio') out.sentEnergy += r.totalAudioEnergy ?? 0;
        },
      );
    }
    return out;
  },
  destroy(): void {
    device?.destroy();
    device = null;
  },
};

(window as unknown as { numbers: typeof numbers }).numbers = numbers;
export type NumbersHarness = typeof numbers;
