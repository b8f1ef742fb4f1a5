// Browser side of the call-control suite: one real @twilio/voice-sdk Device per page, whose microphone is a sine of
// the page's own pitch (so the far end can tell who it hears), call control through POST /call-control/<action>
// with the Device's own token, and the remote audio analysed per pitch (AnalyserNode over the call's remote stream).
import { Call, Device } from '@twilio/voice-sdk';

const audio = new AudioContext();
let pitch = 440;

// The SDK asks for the microphone per call: each page answers with its own tone instead of Chromium's fake beep.
navigator.mediaDevices.getUserMedia = async () => {
  const oscillator = audio.createOscillator();
  oscillator.frequency.value = pitch;
  const gain = audio.createGain();
  gain.gain.value = 0.25;
  const destination = audio.createMediaStreamDestination();
  oscillator.connect(gain).connect(destination);
  oscillator.start();
  return destination.stream;
};

let device: Device | null = null;
let token = '';
let active: Call | null = null;
const incoming: Call[] = [];
const log: string[] = [];

function watch(call: Call, label: string): void {
  for (const name of ['accept', 'disconnect', 'cancel', 'reject'] as const)
    call.on(name, () => log.push(`${label}:${name}`));
}

async function level(stream: MediaStream, frequencies: Record<string, number>): Promise<Record<string, number>> {
  const source = audio.createMediaStreamSource(stream);
  const analyser = audio.createAnalyser();
  analyser.fftSize = 4096;
  analyser.smoothingTimeConstant = 0;
  source.connect(analyser);
  await new Promise((r) => setTimeout(r, 250));
  const bins = new Float32Array(analyser.frequencyBinCount);
  analyser.getFloatFrequencyData(bins);
  const hz = audio.sampleRate / analyser.fftSize;
  const out: Record<string, number> = {};
  for (const [name, f] of Object.entries(frequencies)) {
    const at = Math.round(f / hz);
    out[name] = Math.max(...[at - 2, at - 1, at, at + 1, at + 2].map((i) => bins[i] ?? -200));
  }
  const samples = new Float32Array(analyser.fftSize);
  analyser.getFloatTimeDomainData(samples);
  out['rms'] = Math.sqrt(samples.reduce((s, x) => s + x * x, 0) / samples.length);
  source.disconnect();
  return out;
}

const harness = {
  log,
  async start(identity: string, tone: number): Promise<string> {
    pitch = tone;
    await audio.resume();
    const config = (await (await fetch('/client-config')).json()) as { device: Record<string, unknown> };
    token = ((await (await fetch(`/token?identity=${identity}`)).json()) as { token: string }).token;
    device = new Device(token, {
      ...config.device,
      codecPreferences: ['pcmu', 'opus'],
      allowIncomingWhileBusy: true,
      logLevel: 'silent',
      closeProtection: false,
    } as ConstructorParameters<typeof Device>[1]);
    device.on('incoming', (call: Call) => {
      watch(call, 'incoming');
      incoming.push(call);
    });
    await device.register();
    return device.state;
  },
  async dial(to: string): Promise<string> {
    if (!device) throw new Error('no device');
    const call = await device.connect({ params: { To: to } });
    watch(call, 'outgoing');
    await new Promise<void>((resolve, reject) => {
      call.once('accept', () => resolve());
      call.once('error', (e: { code: number }) => reject(new Error(`call error ${e.code}`)));
    });
    active = call;
    return call.parameters['CallSid'] ?? '';
  },
  /** Custom parameters of the pending incoming calls (Twilio's `customParameters`). */
  pending(): Array<Record<string, string>> {
    return incoming.filter((c) => c.status() === 'pending').map((c) => Object.fromEntries(c.customParameters));
  },
  /** Accepts the pending incoming call that carries `param` (any one without); resolves with its CallSid. */
  async accept(param?: string): Promise<string> {
    const call = incoming.find((c) => c.status() === 'pending' && (!param || c.customParameters.has(param)));
    if (!call) throw new Error('no pending call');
    call.accept();
    await new Promise<void>((resolve) => (call.status() === 'open' ? resolve() : call.once('accept', () => resolve())));
    active = call;
    return call.parameters['CallSid'] ?? '';
  },
  status(): string {
    return active?.status() ?? 'none';
  },
  async control(action: string, body: unknown): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`/call-control/${action}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  },
  /** dB at each pitch and the RMS of what the live call receives now. */
  async levels(frequencies: Record<string, number>): Promise<Record<string, number>> {
    const stream = active?.getRemoteStream();
    if (!stream || active?.status() !== 'open') return { rms: 0 };
    return level(stream, frequencies);
  },
  hangup(): void {
    active?.disconnect();
  },
};

(window as unknown as { cc: typeof harness }).cc = harness;
export type CallControlHarness = typeof harness;
