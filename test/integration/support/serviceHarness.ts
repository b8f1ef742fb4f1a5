// Browser-side harness: one of the project's own VoiceServices per page, wired to the local gateway the way the
// parcel wires it (the server's `/client-config` device block becomes the service's `gateway` config). Every
// state$ and events$ emission is recorded for the test's assertions. Bundled with esbuild; exposes `window.harness`.
import { countResources, inboundAudioPackets, queuedDtmf, type ResourceCount } from './serviceResources';
import type { SoftphoneEvent, SoftphoneState } from '../../../src/contract/schema';
import { loadClientConfig } from '../../../src/parcel/clientConfig';
import { createVoiceService, type VoiceService, type VoiceServiceConfig } from '../../../src/voice/createVoiceService';
import { isSoftphoneError } from '../../../src/contract/service';

export interface StartOptions {
  /** Default: the `tokenUrl` the server's client config names. Query parameters (e.g. `ttl`) are kept. */
  tokenUrl?: string;
  tokenRefreshMs?: number;
  /** Further JSON-expressible service options (the fault matrix tunes retries and the watchdog). */
  extra?: Pick<VoiceServiceConfig, 'tokenRetryBaseMs' | 'tokenRetryMaxMs' | 'watchdogIntervalMs'>;
}

/** A command's outcome as plain JSON (a rejected SoftphoneError keeps its stable code). */
export type Outcome<T = unknown> =
  { ok: true; result: T } | { ok: false; code: string; message: string; twilioCode: number | null };

/** The service commands a test may run by name. */
export type CommandName =
  | 'register'
  | 'unregister'
  | 'dial'
  | 'hangup'
  | 'hangupAll'
  | 'accept'
  | 'reject'
  | 'ignore'
  | 'mute'
  | 'sendDigits'
  | 'sendMessage'
  | 'hold'
  | 'transfer'
  | 'completeTransfer'
  | 'merge'
  | 'switchCall';

const states: SoftphoneState[] = [];
const events: SoftphoneEvent[] = [];
let service: VoiceService | null = null;
let startOutcome: Promise<Outcome<null>> | null = null;
let autoAccept = false;

function requireService(): VoiceService {
  if (!service) throw new Error('harness: no service; call start() first');
  return service;
}

function outcomeOf(error: unknown): Outcome<never> {
  if (isSoftphoneError(error))
    return { ok: false, code: error.code, message: error.message, twilioCode: error.twilioCode ?? null };
  return {
    ok: false,
    code: 'thrown',
    message: error instanceof Error ? error.message : String(error),
    twilioCode: null,
  };
}

async function settle<T>(promise: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, result: await promise };
  } catch (error) {
    return outcomeOf(error);
  }
}

/** Answers ringing incoming calls as soon as they appear in state (the latency benchmark's callee). */
function answerIfAsked(state: SoftphoneState): void {
  if (!autoAccept || !service) return;
  for (const call of state.calls) {
    if (call.direction === 'incoming' && call.status === 'pending') service.accept(call.sid).catch(() => undefined);
  }
}

/** Resolves when `predicate` holds for a state$ emission (or the current state). */
function whenState(predicate: (state: SoftphoneState) => boolean, timeoutMs: number): Promise<SoftphoneState> {
  const svc = requireService();
  return new Promise<SoftphoneState>((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.unsubscribe();
      reject(new Error(`harness: state condition not met within ${timeoutMs} ms`));
    }, timeoutMs);
    const subscription = svc.state$.subscribe((state) => {
      if (!predicate(state)) return;
      clearTimeout(timer);
      queueMicrotask(() => subscription.unsubscribe());
      resolve(state);
    });
  });
}

const harness = {
  states,
  events,

  /**
   * Loads `/client-config`, creates the VoiceService, records its streams and starts it. Resolves once the service
   * exists; `started()` waits for `start()` itself (which never settles while a refused token is being retried).
   */
  async start(identity: string, options: StartOptions = {}): Promise<void> {
    if (service) throw new Error('harness: already started');
    const loaded = await loadClientConfig('/client-config');
    if (!loaded.ok) throw new Error(loaded.message);
    const config: VoiceServiceConfig = {
      identity,
      tokenUrl: options.tokenUrl ?? loaded.config.tokenUrl ?? '/token',
      logLevel: 'silent',
      ...(options.tokenRefreshMs !== undefined && { tokenRefreshMs: options.tokenRefreshMs }),
      ...options.extra,
      // Exactly what the parcel does with a local-mode client config.
      ...(loaded.config.mode === 'local' && { gateway: loaded.config.device }),
      // As the parcel does: a server that advertises no call-control route has none.
      callControlUrl: loaded.config.callControlUrl ?? null,
    };
    service = createVoiceService(config);
    service.state$.subscribe((state) => {
      states.push(state);
      answerIfAsked(state);
    });
    service.events$.subscribe((event) => events.push(event));
    startOutcome = settle(service.start()).then((outcome): Outcome<null> =>
      outcome.ok ? { ok: true, result: null } : outcome,
    );
  },

  started(): Promise<Outcome<null>> {
    if (!startOutcome) throw new Error('harness: start() was not called');
    return startOutcome;
  },

  /** The latest state$ emission. */
  state(): SoftphoneState {
    return requireService().getState();
  },

  /** Runs one service command by name; never rejects. */
  run(name: CommandName, args: unknown[] = []): Promise<Outcome> {
    const svc = requireService();
    const command = svc[name] as (...xs: unknown[]) => Promise<unknown>;
    return settle(Promise.resolve().then(() => command(...args)));
  },

  setAutoAccept(value: boolean): void {
    autoAccept = value;
    answerIfAsked(requireService().getState());
  },

  /** Dials through the service and resolves with the milliseconds until state$ shows the call `open`. */
  async timedDial(to: string): Promise<{ callSid: string; ms: number }> {
    const svc = requireService();
    const t0 = performance.now();
    const { callSid } = await svc.dial(to);
    await whenState((s) => s.calls.some((c) => c.sid === callSid && c.status === 'open'), 10_000);
    return { callSid, ms: performance.now() - t0 };
  },

  /** Resolves once no call in state is still alive. */
  async allClosed(timeoutMs = 10_000): Promise<void> {
    await whenState((s) => s.calls.every((c) => c.status === 'closed'), timeoutMs);
  },

  packetsReceived: inboundAudioPackets,
  queuedDtmf,

  resources(): ResourceCount {
    return countResources();
  },

  destroy(): void {
    autoAccept = false;
    requireService().destroy();
  },
};

(window as unknown as { harness: typeof harness }).harness = harness;
export type ServiceHarness = typeof harness;
