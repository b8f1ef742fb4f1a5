/**
 * Brings the signalling socket back soon after the gateway is back. Without a call the SDK reconnects with its
 * primary backoff (wstransport.js: 100 ms doubling to 20 s, ±40 % jitter), so after a 10 s outage its next try
 * comes 0.5–6 s after the gateway is back (measured), and up to ~28 s later after longer outages. While the SDK
 * is offline and the softphone means to be registered, this probes the same signalling URL with a bare WebSocket
 * on its own backoff (250 ms doubling to 2 s during the first 30 s of an outage, then to the SDK's 20 s; ±40 %
 * jitter, so a fleet spreads out) and, once a probe opens, asks the SDK's transport to connect now. The SDK then
 * sends `listen` and re-registers by itself, as after any reconnect; the state stays `reconnecting` meanwhile.
 */
import type { ResolvedVoiceServiceConfig } from './config';
import type { CurrentDevice } from './currentDevice';
import type { DeviceLike } from './sdkTypes';
import type { Timers } from './timers';

/** The slice of a browser WebSocket a probe needs. */
export interface ProbeSocketLike {
  onopen: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  close(code?: number): void;
}

export type ProbeSocketFactory = (url: string) => ProbeSocketLike;

/** The SDK's signalling transport (WSTransport): `open()` connects now unless a socket is open or connecting. */
export interface SignallingTransportLike {
  readonly state: string;
  open(): void;
}

export interface SignallingRecoveryDeps {
  /** The signalling URLs the Device connects to (`wss://<chunderw>/signal`); empty: nothing to probe. */
  urls: readonly string[];
  device: CurrentDevice;
  timers: Timers;
  now: () => number;
  /** 0..1 */
  random: () => number;
  /** Null where there is no WebSocket (no probing). */
  openSocket: ProbeSocketFactory | null;
  /** The Device's transport, when it can be told to connect now. */
  transportOf: (device: DeviceLike) => SignallingTransportLike | null;
}

const FIRST_DELAY_MS = 250;
/** The cap while an outage is young: a gateway back after a short outage is noticed within ~3 s. */
const SHORT_OUTAGE_MAX_DELAY_MS = 2_000;
const SHORT_OUTAGE_MS = 30_000;
/** The SDK's own cap (MAX_PRIMARY_DELAY): long outages cost the gateway no more probes than reconnects. */
const LONG_OUTAGE_MAX_DELAY_MS = 20_000;
const JITTER = 0.4;
/** The SDK's connect timeout: a probe that neither opens nor fails by then counts as failed. */
const PROBE_TIMEOUT_MS = 5_000;

/**
 * The SDK has no public call that reconnects an offline Device now (`register()` while offline only queues and
 * then fails with 31009; `updateOptions` rebuilds the stream only when the signalling URIs change), so this reads
 * `Device#_stream.transport` and checks its shape; an SDK without it leaves reconnecting to the SDK's own backoff.
 */
export function sdkSignallingTransport(device: DeviceLike): SignallingTransportLike | null {
  const stream = (device as unknown as { _stream?: { transport?: Partial<SignallingTransportLike> } | null })._stream;
  const transport = stream?.transport;
  if (!transport || typeof transport.open !== 'function' || typeof transport.state !== 'string') return null;
  return transport as SignallingTransportLike;
}

/** `wss://<host>/signal` for each signalling host, as the SDK builds them (regions.js). */
export function signallingUrls(chunderw: string | readonly string[] | undefined, edge?: string | string[]): string[] {
  const hosts = chunderw ?? (edge === undefined ? ['roaming'] : [edge].flat()).map((e) => `voice-js.${e}.twilio.com`);
  return [hosts].flat().map((host) => `wss://${host}/signal`);
}

export function browserProbeSocket(): ProbeSocketFactory | null {
  if (typeof WebSocket !== 'function') return null;
  return (url) => {
    const ws = new WebSocket(url);
    const probe: ProbeSocketLike = { onopen: null, onerror: null, onclose: null, close: (code) => ws.close(code) };
    ws.onopen = (event) => probe.onopen?.(event);
    ws.onerror = (event) => probe.onerror?.(event);
    ws.onclose = (event) => probe.onclose?.(event);
    return probe;
  };
}

export class SignallingRecovery {
  private outageSince: number | null = null;
  private attempt = 0;
  private timer: unknown = null;
  private probe: ProbeSocketLike | null = null;
  private stopped = false;

  constructor(private readonly deps: SignallingRecoveryDeps) {}

  /** Looks at the Device again (after each of its events and each watchdog check). */
  check(): void {
    if (!this.outage()) {
      this.reset();
      return;
    }
    if (this.outageSince !== null) return;
    this.outageSince = this.deps.now();
    this.attempt = 0;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.reset();
  }

  /** The SDK is offline (it clears `edge` with its socket), the softphone wants a registration, a probe can help. */
  private outage(): DeviceLike | null {
    const d = this.deps.device.get();
    if (this.stopped || !d || !this.deps.device.registration.wanted || this.deps.urls.length === 0) return null;
    if (d.state !== 'unregistered' || d.edge !== null || !this.deps.openSocket) return null;
    return this.deps.transportOf(d) ? d : null;
  }

  private delay(): number {
    const young = this.deps.now() - (this.outageSince ?? 0) < SHORT_OUTAGE_MS;
    const cap = young ? SHORT_OUTAGE_MAX_DELAY_MS : LONG_OUTAGE_MAX_DELAY_MS;
    const base = Math.min(FIRST_DELAY_MS * 2 ** this.attempt, cap);
    return Math.round(base * (1 + JITTER * (2 * this.deps.random() - 1)));
  }

  private schedule(): void {
    const ms = this.delay();
    this.attempt++;
    this.timer = this.deps.timers.setTimeout(() => {
      this.timer = null;
      this.runProbe();
    }, ms);
  }

  private runProbe(): void {
    const open = this.deps.openSocket;
    if (!this.outage() || !open) return this.reset();
    const url = this.deps.urls[(this.attempt - 1) % this.deps.urls.length] ?? this.deps.urls[0] ?? '';
    let socket: ProbeSocketLike;
    try {
      socket = open(url);
    } catch {
      return this.schedule();
    }
    this.probe = socket;
    const timeout = this.deps.timers.setTimeout(() => finish(false), PROBE_TIMEOUT_MS);
    const finish = (reached: boolean): void => {
      if (this.probe !== socket) return;
      this.deps.timers.clearTimeout(timeout);
      this.probe = null;
      socket.onopen = socket.onerror = socket.onclose = null;
      socket.close(reached ? 1000 : undefined);
      if (reached) this.reconnectNow();
      // Keep probing until the Device says it is connected (check() resets then): the gateway may fail again.
      if (this.outage()) this.schedule();
      else this.reset();
    };
    socket.onopen = () => finish(true);
    socket.onerror = socket.onclose = () => finish(false);
  }

  private reconnectNow(): void {
    const d = this.outage();
    const transport = d && this.deps.transportOf(d);
    if (!transport || transport.state === 'closed' || transport.state === 'open') return;
    transport.open();
  }

  private reset(): void {
    this.outageSince = null;
    this.attempt = 0;
    if (this.timer !== null) this.deps.timers.clearTimeout(this.timer);
    this.timer = null;
    const probe = this.probe;
    this.probe = null;
    if (probe) {
      probe.onopen = probe.onerror = probe.onclose = null;
      probe.close();
    }
  }
}

/** The recovery for the browser: the Device's configured signalling URLs, the page's WebSocket, the SDK transport. */
export function browserSignallingRecovery(
  config: ResolvedVoiceServiceConfig,
  deps: Pick<SignallingRecoveryDeps, 'device' | 'timers' | 'now' | 'random'>,
): SignallingRecovery {
  return new SignallingRecovery({
    ...deps,
    urls: signallingUrls(config.gateway?.chunderw, config.gateway?.edge ?? config.edge),
    openSocket: browserProbeSocket(),
    transportOf: sdkSignallingTransport,
  });
}
