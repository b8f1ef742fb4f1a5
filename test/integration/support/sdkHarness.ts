// Browser-side test harness: drives one real @twilio/voice-sdk Device per page against the local gateway.
// Bundled with esbuild by the integration test; exposes `window.harness` for page.evaluate().
import { peerConnections } from './trackPeerConnections';
import { Call, Device } from '@twilio/voice-sdk';

interface ClientConfig {
  device: Record<string, unknown>;
}

interface LoggedEvent {
  source: 'device' | 'call';
  name: string;
  callSid?: string;
  code?: number;
  data?: unknown;
  at: number;
}

const events: LoggedEvent[] = [];
let device: Device | null = null;
let current: Call | null = null;
let incoming: Call[] = [];
let autoAccept = false;

function sidOf(call: Call): string | undefined {
  return call.parameters['CallSid'];
}

function watchCall(call: Call): void {
  const log = (name: string, data?: unknown) =>
    events.push({ source: 'call', name, callSid: sidOf(call), data, at: Date.now() });
  call.on('accept', () => log('accept'));
  call.on('ringing', () => log('ringing'));
  call.on('cancel', () => log('cancel'));
  call.on('reject', () => log('reject'));
  call.on('disconnect', () => log('disconnect'));
  call.on('reconnecting', () => log('reconnecting'));
  call.on('reconnected', () => log('reconnected'));
  call.on('messageReceived', (m: { content: unknown; messageType: string }) => log('messageReceived', m.content));
  call.on('messageSent', () => log('messageSent'));
  call.on('error', (e: { code: number }) =>
    events.push({ source: 'call', name: 'error', callSid: sidOf(call), code: e.code, at: Date.now() }),
  );
}

async function json<T>(url: string): Promise<T> {
  const res = await fetch(url);
  return (await res.json()) as T;
}

const harness = {
  events,
  async start(identity: string, token?: string): Promise<string> {
    const config = await json<ClientConfig>('/client-config');
    const jwt = token ?? (await json<{ token: string }>(`/token?identity=${encodeURIComponent(identity)}`)).token;
    device = new Device(jwt, {
      ...config.device,
      logLevel: 'silent',
      closeProtection: false,
      enableImprovedSignalingErrorPrecision: true,
    } as ConstructorParameters<typeof Device>[1]);
    device.on('registered', () => events.push({ source: 'device', name: 'registered', at: Date.now() }));
    device.on('unregistered', () => events.push({ source: 'device', name: 'unregistered', at: Date.now() }));
    device.on('error', (e: { code: number }) =>
      events.push({ source: 'device', name: 'error', code: e.code, at: Date.now() }),
    );
    device.on('incoming', (call: Call) => {
      events.push({
        source: 'device',
        name: 'incoming',
        callSid: sidOf(call),
        data: call.customParameters.get('topic') ?? null,
        at: Date.now(),
      });
      watchCall(call);
      incoming.push(call);
      if (autoAccept) {
        current = call;
        call.accept();
      }
    });
    if (token) {
      // A token the gateway refuses never reaches `registered`: register in the background and report errors.
      device.register().catch(() => undefined);
      return 'started';
    }
    await device.register();
    return device.state;
  },
  setAutoAccept(value: boolean): void {
    autoAccept = value;
  },
  /** Dials and resolves with the milliseconds from connect() to the Call's `accept` (open). */
  async dial(to: string, params: Record<string, string> = {}): Promise<number> {
    if (!device) throw new Error('no device');
    const t0 = performance.now();
    events.push({ source: 'device', name: 'dial', at: Date.now() });
    const call = await device.connect({ params: { To: to, ...params } });
    current = call;
    watchCall(call);
    await new Promise<void>((resolve, reject) => {
      call.once('accept', () => resolve());
      call.once('disconnect', () => reject(new Error('disconnected before open')));
      call.once('error', (e: { code: number }) => reject(new Error(`call error ${e.code}`)));
    });
    return performance.now() - t0;
  },
  /** Dials without waiting for an answer. */
  async dialAsync(to: string): Promise<void> {
    if (!device) throw new Error('no device');
    current = await device.connect({ params: { To: to } });
    watchCall(current);
  },
  accept(): void {
    const call = incoming.shift();
    if (!call) throw new Error('no incoming call');
    current = call;
    call.accept();
  },
  reject(): void {
    incoming.shift()?.reject();
  },
  hangup(): void {
    current?.disconnect();
    current = null;
  },
  sendDigits(digits: string): void {
    current?.sendDigits(digits);
  },
  sendMessage(content: unknown): void {
    current?.sendMessage({ content, messageType: 'user-defined-message' });
  },
  status(): string {
    return current ? current.status() : 'none';
  },
  callSid(): string | null {
    return current ? (sidOf(current) ?? null) : null;
  },
  async packetsReceived(): Promise<number> {
    let total = 0;
    for (const pc of peerConnections) {
      if (pc.connectionState === 'closed') continue;
      const stats = await pc.getStats();
      stats.forEach((report: { type: string; kind?: string; packetsReceived?: number }) => {
        if (report.type === 'inbound-rtp' && report.kind === 'audio') total += report.packetsReceived ?? 0;
      });
    }
    return total;
  },
  /** Digits queued for in-band (RFC 4733) sending on the open peer connections' audio senders. */
  dtmfToneBuffer(): string {
    return peerConnections
      .filter((pc) => pc.connectionState !== 'closed')
      .flatMap((pc) => pc.getSenders())
      .map((sender) => sender.dtmf?.toneBuffer ?? '')
      .join('');
  },
  /** Ends whatever call is current or ringing (between tests). */
  reset(): void {
    current?.disconnect();
    current = null;
    for (const call of incoming) call.reject();
    incoming = [];
    autoAccept = false;
  },
  destroy(): void {
    device?.destroy();
    device = null;
  },
};

(window as unknown as { harness: typeof harness }).harness = harness;
export type Harness = typeof harness;
