/**
 * VoiceService: one Twilio Device per softphone instance, its Calls, the token lifecycle and the
 * audio devices, exposed as `state$` / `events$` / `volume$` / `micLevel$` plus one method per command.
 *
 * Order of `start()`: SDK chunk + `Device.isSupported` → microphone permission (tracks stopped) →
 * device list → access token → Device (+ default microphone selected in the background) → register
 * (when `autoRegister`). A denied microphone stops there: no Device is created until
 * `requestMicrophone()` succeeds, so nothing can ring that the user could not answer.
 */
import { BehaviorSubject, EMPTY, Subject, Subscription, type Observable } from 'rxjs';
import { share, switchMap } from 'rxjs/operators';
import {
  BUS_VERSION,
  type CallState,
  type DeviceStateName,
  type FeedbackIssue,
  type LastError,
  type SoftphoneEvent,
  type SoftphoneState,
} from '../contract/schema';
import { createAudioControls, readAudioState } from './audioControls';
import { CallRegistry, pruneClosedCalls, type CallEntry } from './callRegistry';
import { closeCall, isLive, newCallState, reduceCallEvent, toCallStatus } from './callState';
import { checkFeedback, checkMessage, DEFAULT_MESSAGE_TYPE, DialParamsSchema } from '../contract/commandArgs';
import { buildDeviceOptions, resolveVoiceServiceConfig, type ResolvedVoiceServiceConfig, type VoiceServiceConfig } from './config';
import {
  isMicrophoneDenied,
  isResolvedByNewToken,
  isTokenExpired,
  toLastError,
  tokenFailureError,
  toSoftphoneError,
  unsupportedBrowserError,
} from './errors';
import { callEventData, deviceEventData } from './eventData';
import {
  queryMicrophonePermission,
  requestMicrophoneAccess,
  type MediaDevicesLike,
  type MicrophoneResult,
  type PermissionsLike,
} from './media';
import { loadSdkDeviceFactory } from './sdkAdapter';
import { callEvents, deviceEvents, inputVolume, type CallSdkEvent, type DeviceSdkEvent } from './sdkEvents';
import type { AudioHelperLike, CallLike, DeviceFactory, DeviceLike } from './sdkTypes';
import { initialSoftphoneState, StateStore } from './stateStore';
import { globalTimers, type Timers } from './timers';
import { createFetchTokenProvider, type FetchLike, type TokenProvider } from './token';
import { createTokenRefresher, type FreshToken, type TokenRefresher } from './tokenRefresher';
import { SoftphoneError, type CallVolume, type DialResult, type SendMessageResult, type SoftphoneService } from '../contract/service';
import { parseDialTarget, validateDigits } from '../contract/validation';

export type { VoiceServiceConfig } from './config';
export { VoiceServiceConfigSchema } from './config';

/** Injection points; every one defaults to the browser / the real SDK. */
export interface VoiceServiceDeps {
  /** Loads the Device factory; default: dynamic `import('@twilio/voice-sdk')`. */
  deviceFactory?: () => Promise<DeviceFactory>;
  /** Default: `GET {tokenUrl}?identity=` through `fetch`. */
  tokenProvider?: TokenProvider;
  /** Used by the default token provider. */
  fetch?: FetchLike;
  /** Default: `navigator.mediaDevices`; absent means the browser cannot capture audio. */
  mediaDevices?: MediaDevicesLike | null;
  /** Default: `navigator.permissions`. */
  permissions?: PermissionsLike;
  now?: () => number;
  timers?: Timers;
  /** Jitter source, 0..1. */
  random?: () => number;
}

export interface VoiceService extends SoftphoneService {
  /** The validated configuration with defaults filled in. */
  readonly config: ResolvedVoiceServiceConfig;
}

/** Calls that count as "in a call" for `activeCallSid`, `busy` and default command targets. */
function findLive(calls: readonly CallState[]): CallState | undefined {
  return [...calls].reverse().find((c) => isLive(c.status));
}

function findPendingIncoming(calls: readonly CallState[]): CallState | undefined {
  return [...calls].reverse().find((c) => c.status === 'pending' && c.direction === 'incoming');
}

function toDeviceState(sdkState: string): DeviceStateName {
  return sdkState === 'registered' || sdkState === 'registering' || sdkState === 'destroyed' ? sdkState : 'unregistered';
}

function defaultMediaDevices(): MediaDevicesLike | null {
  return typeof navigator !== 'undefined' && navigator.mediaDevices ? navigator.mediaDevices : null;
}

function defaultPermissions(): PermissionsLike | undefined {
  return typeof navigator !== 'undefined' && navigator.permissions ? (navigator.permissions as PermissionsLike) : undefined;
}

function defaultFetch(): FetchLike {
  return (input, init) => globalThis.fetch(input, init);
}

let localSidCounter = 0;
/** Only used if the SDK gives a call no id at all (never for real SDK calls). */
function localSid(): string {
  localSidCounter += 1;
  return `local-${Date.now().toString(36)}-${localSidCounter}`;
}

const destroyedError = (): SoftphoneError => new SoftphoneError('not_ready', 'The softphone has been shut down.');

export function createVoiceService(config: VoiceServiceConfig, deps: VoiceServiceDeps = {}): VoiceService {
  const cfg = resolveVoiceServiceConfig(config);
  const identity = cfg.identity;
  const now = deps.now ?? (() => Date.now());
  const timers = deps.timers ?? globalTimers;
  const random = deps.random ?? Math.random;
  const media = deps.mediaDevices !== undefined ? deps.mediaDevices : defaultMediaDevices();
  const permissions = deps.permissions ?? defaultPermissions();
  const loadFactory = deps.deviceFactory ?? loadSdkDeviceFactory;
  const tokenProvider =
    deps.tokenProvider ??
    createFetchTokenProvider(cfg.tokenUrl, deps.fetch ?? defaultFetch(), typeof location !== 'undefined' ? location.href : undefined);
  const rtcConfiguration = cfg.gateway?.rtcConfiguration;

  const store = new StateStore(initialSoftphoneState(identity));
  const events = new Subject<SoftphoneEvent>();
  const volume = new Subject<CallVolume>();
  /** The live Device's AudioHelper; null before the Device exists and after destroy. */
  const audioHelper = new BehaviorSubject<AudioHelperLike | null>(null);
  // Lazy and shared: the AudioHelper polls the level every animation frame while anything listens to
  // `inputVolume`, so the SDK listener exists only while someone subscribes (one listener for all).
  const micLevel$: Observable<number> = audioHelper.pipe(
    switchMap((audio) => (audio ? inputVolume(audio) : EMPTY)),
    share(),
  );
  const calls = new CallRegistry();
  const subscriptions = new Subscription();

  let device: DeviceLike | null = null;
  let refresher: TokenRefresher | null = null;
  let startPromise: Promise<void> | null = null;
  let registerPromise: Promise<void> | null = null;
  let dialInFlight = false;
  let waitingForMicrophone = false;
  let destroyed = false;

  // ----- state helpers ---------------------------------------------------------------------------

  const update = (reducer: (s: SoftphoneState) => SoftphoneState): void => store.update(reducer);

  const setError = (lastError: LastError | null): void => update((s) => ({ ...s, lastError }));

  const clearErrorFrom = (source: LastError['source']): void =>
    update((s) => (s.lastError?.source === source ? { ...s, lastError: null } : s));

  const emit = (event: Omit<SoftphoneEvent, 'v' | 'instance' | 'at'>): void => {
    if (events.closed) return;
    events.next({ v: BUS_VERSION, instance: identity, at: now(), ...event } as SoftphoneEvent);
  };

  const syncDevice = (): void => {
    const d = device;
    if (!d) return;
    update((s) => ({
      ...s,
      device: { ...s.device, state: toDeviceState(d.state), identity: d.identity, isBusy: d.isBusy, edge: d.edge, home: d.home },
      audio: readAudioState(d.audio, s.audio),
    }));
  };

  const setCalls = (reducer: (calls: CallState[]) => CallState[]): void => {
    update((s) => {
      const next = pruneClosedCalls(reducer(s.calls));
      return { ...s, calls: next, activeCallSid: findLive(next)?.sid ?? null };
    });
    calls.retainOnly(store.get().calls);
  };

  const updateCall = (sid: string, reducer: (c: CallState) => CallState): void => {
    const current = callState(sid);
    if (!current) return;
    const next = reducer(current);
    // Most samples and repeated events change nothing: skip the snapshot comparison entirely.
    if (next !== current) setCalls((list) => list.map((c) => (c.sid === sid ? next : c)));
  };

  const callState = (sid: string): CallState | undefined => store.get().calls.find((c) => c.sid === sid);

  // ----- guards ----------------------------------------------------------------------------------

  const assertAlive = (): void => {
    if (destroyed) throw destroyedError();
  };

  /** A Device that can place or answer calls: supported, microphone allowed, created. */
  const requireDevice = (needsMicrophone: boolean): DeviceLike => {
    assertAlive();
    const s = store.get();
    if (!s.device.supported) throw new SoftphoneError('unsupported', 'This browser cannot run the Voice SDK.');
    if (needsMicrophone && s.microphone.permission === 'denied') {
      throw new SoftphoneError('microphone_denied', 'Microphone access was denied; allow it in the browser and try again.');
    }
    if (!device || device.state === 'destroyed') throw new SoftphoneError('not_ready', 'The softphone is not ready yet.');
    return device;
  };

  const resolveEntry = (callSid: string | undefined, pickDefault: (calls: readonly CallState[]) => CallState | undefined): CallEntry => {
    assertAlive();
    const list = store.get().calls;
    const entry = callSid !== undefined ? calls.find(callSid, list) : (() => {
      const picked = pickDefault(list);
      return picked ? calls.get(picked.sid) : undefined;
    })();
    if (!entry) {
      throw new SoftphoneError('no_active_call', callSid !== undefined ? `No call with id ${callSid}.` : 'There is no call to act on.');
    }
    return entry;
  };

  const statusOf = (entry: CallEntry): CallState['status'] => callState(entry.sid)?.status ?? toCallStatus(entry.call.status());

  const requireStatus = (entry: CallEntry, allowed: readonly CallState['status'][], action: string): void => {
    const status = statusOf(entry);
    if (!allowed.includes(status)) throw new SoftphoneError('wrong_state', `Cannot ${action} a call that is ${status}.`);
  };

  /** Runs an SDK call, recording its failure in lastError and rejecting with a SoftphoneError. */
  const sdk = async <T>(source: LastError['source'], action: () => T | Promise<T>, callSid?: string, blocking = false): Promise<T> => {
    try {
      return await action();
    } catch (error) {
      setError(toLastError(error, { source, at: now(), blocking, ...(callSid !== undefined && { callSid }) }));
      throw toSoftphoneError(error, 'sdk_error', source);
    }
  };

  const audioControls = createAudioControls({
    media,
    store,
    now,
    assertAlive,
    currentAudio: () => device?.audio ?? null,
    requireAudio: () => {
      const audio = requireDevice(false).audio;
      if (!audio) throw new SoftphoneError('not_ready', 'Audio devices are not available yet.');
      return audio;
    },
    runSdk: (source, action) => sdk(source, action),
  });

  // ----- calls -----------------------------------------------------------------------------------

  const finishCall = (entry: CallEntry): void => {
    const pending = entry.pendingMessages.splice(0);
    pending.forEach((m) => m.reject(new SoftphoneError('wrong_state', 'The call ended before the message was acknowledged.')));
    const subscription = entry.subscription;
    entry.subscription = null;
    // Deferred: the SDK may emit more events synchronously after closing (e.g. `error` right after
    // `disconnect` when the microphone fails during accept), and they must still be seen.
    if (subscription) queueMicrotask(() => subscription.unsubscribe());
  };

  const settleMessage = (entry: CallEntry, event: CallSdkEvent): void => {
    if (event.name === 'messageSent') {
      const sid = (event.args[0] as { voiceEventSid?: unknown } | undefined)?.voiceEventSid;
      const index = entry.pendingMessages.findIndex((m) => m.voiceEventSid === sid);
      if (index >= 0) entry.pendingMessages.splice(index, 1)[0].resolve({ voiceEventSid: String(sid) });
    } else if (event.name === 'error' && entry.pendingMessages.length > 0) {
      // The SDK's message error carries no voiceEventSid; acks and errors arrive in send order.
      const error = event.args[0];
      entry.pendingMessages.shift()?.reject(toSoftphoneError(error));
    }
  };

  /**
   * Calls the SDK closed without an event: `connect()` and `disconnectAll()` silently ignore calls
   * that were still ringing. Without this they would look pending forever.
   */
  const closeSilentlyEndedCalls = (): void => {
    for (const entry of calls.all()) {
      const state = callState(entry.sid);
      if (state && state.status !== 'closed' && toCallStatus(entry.call.status()) === 'closed') {
        updateCall(entry.sid, (c) => closeCall(c, 'ignored', now()));
        finishCall(entry);
      }
    }
  };

  const onCallEvent = (entry: CallEntry, event: CallSdkEvent): void => {
    const data = callEventData(event, entry.call);
    if (event.name === 'volume') {
      const levels = data as { input: number; output: number };
      volume.next({ callSid: entry.sid, input: levels.input, output: levels.output });
      emit({ source: 'call', name: event.name, callSid: entry.sid, data });
      return;
    }
    if (event.name === 'error') {
      entry.errored = true;
      setError(toLastError(event.args[0], { source: 'call', callSid: entry.sid, at: now() }));
    }
    settleMessage(entry, event);
    const reason = entry.hangupRequested ? 'local-hangup' : entry.errored ? 'error' : 'remote-hangup';
    updateCall(entry.sid, (c) => reduceCallEvent(c, event, entry.call, now(), reason));
    syncDevice();
    emit({ source: 'call', name: event.name, callSid: entry.sid, data });
    if (callState(entry.sid)?.status === 'closed' && entry.subscription) finishCall(entry);
  };

  const trackCall = (call: CallLike, sid: string, direction: 'incoming' | 'outgoing', from: string | null, to: string | null): CallEntry => {
    const entry = calls.add(sid, call);
    setCalls((list) => [...list, newCallState(call, { sid, direction, from, to, now: now() })]);
    entry.subscription = callEvents(call).subscribe((event) => onCallEvent(entry, event));
    subscriptions.add(entry.subscription);
    // A call that failed before we could listen would otherwise look alive forever.
    if (toCallStatus(call.status()) === 'closed') {
      updateCall(sid, (c) => closeCall(c, 'error', now()));
      finishCall(entry);
    }
    return entry;
  };

  // ----- device ----------------------------------------------------------------------------------

  const onDeviceEvent = (event: DeviceSdkEvent): void => {
    let incoming: Parameters<typeof deviceEventData>[1];
    switch (event.name) {
      case 'incoming': {
        const call = event.args[0] as CallLike;
        const sid = call.parameters.CallSid ?? localSid();
        const entry = trackCall(call, sid, 'incoming', call.parameters.From ?? null, call.parameters.To ?? null);
        const state = callState(entry.sid);
        incoming = { callSid: sid, from: state?.from ?? null, to: state?.to ?? null, customParameters: state?.customParameters ?? {} };
        break;
      }
      case 'error': {
        const [error, call] = event.args as [unknown, CallLike | undefined];
        const callSid = call ? calls.sidOf(call) : undefined;
        const registering = device?.state === 'registering';
        setError(toLastError(error, { source: callSid ? 'call' : 'device', at: now(), blocking: registering, ...(callSid && { callSid }) }));
        if (isTokenExpired(error)) refresher?.refreshNow();
        break;
      }
      case 'tokenWillExpire':
        refresher?.onTokenWillExpire();
        break;
      case 'registered':
        clearErrorFrom('device');
        break;
      case 'registering':
      case 'unregistered':
      case 'destroyed':
        break;
    }
    syncDevice();
    emit({ source: 'device', name: event.name, data: deviceEventData(event, incoming) });
  };

  const applyToken = (token: FreshToken, isRefresh: boolean): void => {
    if (isRefresh && device && device.state !== 'destroyed') {
      try {
        device.updateToken(token.token);
      } catch (error) {
        setError(toLastError(error, { source: 'token', at: now() }));
        return;
      }
    }
    // The new token also resolves an "expired" error from the gateway: without this the blocking 20104 stayed on
    // screen after the Device had recovered (the SDK emits no `registered` after updateToken). If the gateway
    // refuses the new token too, its next error is published again.
    update((s) => ({
      ...s,
      device: { ...s.device, tokenExpiresAt: token.expiresAt },
      lastError: s.lastError?.source === 'token' || isResolvedByNewToken(s.lastError) ? null : s.lastError,
    }));
  };

  const ensureRefresher = (): TokenRefresher => {
    refresher ??= createTokenRefresher({
      identity,
      provider: tokenProvider,
      timers,
      now,
      random,
      marginMs: cfg.tokenRefreshMs,
      retryBaseMs: cfg.tokenRetryBaseMs,
      retryMaxMs: cfg.tokenRetryMaxMs,
      onToken: applyToken,
      onFailure: (error, attempt, retryInMs) => setError(tokenFailureError(error, attempt, retryInMs, now())),
    });
    return refresher;
  };

  const applyMicrophoneResult = (result: MicrophoneResult): void => {
    if (result.permission === 'granted') {
      update((s) => ({ ...s, microphone: { permission: 'granted' }, lastError: s.lastError?.source === 'microphone' ? null : s.lastError }));
      return;
    }
    const error = result.permission === 'denied' && !isMicrophoneDenied(result.error) ? { name: 'NotAllowedError' } : result.error;
    update((s) => ({
      ...s,
      microphone: { permission: result.permission },
      lastError: toLastError(error, { source: 'microphone', at: now(), blocking: result.permission === 'denied' }),
    }));
  };

  const createDevice = (factory: DeviceFactory, token: FreshToken): void => {
    const created = factory.create(token.token, buildDeviceOptions(cfg));
    device = created;
    subscriptions.add(deviceEvents(created).subscribe(onDeviceEvent));
    update((s) => ({ ...s, device: { ...s.device, tokenExpiresAt: token.expiresAt } }));
    syncDevice();
    audioHelper.next(created.audio);
  };

  const runStart = async (): Promise<void> => {
    let factory: DeviceFactory;
    try {
      factory = await loadFactory();
    } catch (error) {
      setError(toLastError(error, { source: 'device', at: now(), blocking: true }));
      throw toSoftphoneError(error, 'internal_error');
    }
    assertAlive();
    if (!factory.isSupported || !media) {
      update((s) => ({ ...s, device: { ...s.device, state: 'unsupported', supported: false }, lastError: unsupportedBrowserError(now()) }));
      return;
    }

    const known = await queryMicrophonePermission(permissions);
    assertAlive();
    // Until the browser answers, 'unknown' means the prompt is (probably) on screen.
    update((s) => ({ ...s, microphone: { permission: known === 'unknown' ? 'prompt' : known } }));
    const microphone = await requestMicrophoneAccess(media);
    assertAlive();
    applyMicrophoneResult(microphone);
    await audioControls.refreshDeviceList();
    assertAlive();
    audioControls.watchDeviceChanges();
    if (microphone.permission === 'denied') {
      waitingForMicrophone = true;
      update((s) => ({ ...s, device: { ...s.device, state: 'unregistered' } }));
      return;
    }

    let token: FreshToken;
    try {
      token = await ensureRefresher().acquire();
    } catch {
      throw destroyedError();
    }
    assertAlive();
    createDevice(factory, token);
    // In the background: registration must not wait for (or fail with) the microphone selection.
    audioControls.selectDefaultInput();
    if (cfg.autoRegister) await register();
  };

  // ----- commands --------------------------------------------------------------------------------

  function start(): Promise<void> {
    if (destroyed) return Promise.reject(destroyedError());
    startPromise ??= runStart().catch((error: unknown) => {
      startPromise = null;
      throw error;
    });
    return startPromise;
  }

  async function register(): Promise<void> {
    assertAlive();
    if (!device && startPromise && !waitingForMicrophone) await startPromise;
    // Registering without a microphone would ring calls the user cannot answer.
    const d = requireDevice(true);
    if (d.state === 'registered') return;
    // A failed registration blocks incoming calls until fixed, hence blocking severity.
    registerPromise ??= sdk('device', () => d.register(), undefined, true).finally(() => {
      registerPromise = null;
    });
    return registerPromise;
  }

  async function unregister(): Promise<void> {
    const d = requireDevice(false);
    if (registerPromise) await registerPromise.catch(() => undefined);
    if (d.state !== 'registered') return;
    await sdk('device', () => d.unregister());
  }

  async function dial(to: string, params: Record<string, string> = {}): Promise<DialResult> {
    assertAlive();
    const parsed = parseDialTarget(typeof to === 'string' ? to : '');
    if (!parsed.ok) throw new SoftphoneError('invalid_number', parsed.reason);
    if (!DialParamsSchema.safeParse(params).success) {
      throw new SoftphoneError('invalid_argument', 'Call params are at most 32 string values with keys of 1 to 64 characters.');
    }
    const d = requireDevice(true);
    if (dialInFlight || findLive(store.get().calls)) throw new SoftphoneError('busy', 'Already in a call.');
    dialInFlight = true;
    let call: CallLike;
    try {
      // The validated target always wins over a `To` smuggled in through params.
      call = await sdk('call', () => d.connect({ params: { ...params, To: parsed.target.to }, ...(rtcConfiguration && { rtcConfiguration }) }));
    } finally {
      dialInFlight = false;
    }
    if (destroyed) {
      call.disconnect();
      throw destroyedError();
    }
    closeSilentlyEndedCalls();
    const sid = call.outboundConnectionId ?? call.parameters.CallSid ?? localSid();
    trackCall(call, sid, 'outgoing', `client:${identity}`, parsed.target.to);
    return { callSid: sid };
  }

  async function hangup(callSid?: string): Promise<void> {
    const entry = resolveEntry(callSid, findLive);
    requireStatus(entry, ['connecting', 'ringing', 'open', 'reconnecting'], 'hang up');
    entry.hangupRequested = true;
    await sdk('call', () => entry.call.disconnect(), entry.sid);
  }

  async function hangupAll(): Promise<void> {
    const d = requireDevice(false);
    const list = store.get().calls;
    const entries = list.map((c) => ({ state: c, entry: calls.get(c.sid) }));
    entries.forEach(({ state, entry }) => {
      if (entry && isLive(state.status)) entry.hangupRequested = true;
    });
    await sdk('call', () => d.disconnectAll());
    // disconnectAll() cannot end a ringing incoming call; reject those so they do not linger.
    for (const { state, entry } of entries) {
      if (entry && state.status === 'pending' && statusOf(entry) === 'pending') await sdk('call', () => entry.call.reject(), entry.sid);
    }
    closeSilentlyEndedCalls();
  }

  async function accept(callSid?: string): Promise<void> {
    const entry = resolveEntry(callSid, findPendingIncoming);
    requireStatus(entry, ['pending'], 'accept');
    requireDevice(true);
    // The SDK hangs up the current call when another is accepted (allowIncomingWhileBusy).
    for (const other of calls.all()) if (other !== entry && isLive(statusOf(other))) other.hangupRequested = true;
    await sdk('call', () => entry.call.accept(rtcConfiguration ? { rtcConfiguration } : undefined), entry.sid);
    updateCall(entry.sid, (c) => ({ ...c, status: toCallStatus(entry.call.status()) }));
  }

  async function reject(callSid?: string): Promise<void> {
    const entry = resolveEntry(callSid, findPendingIncoming);
    requireStatus(entry, ['pending'], 'reject');
    await sdk('call', () => entry.call.reject(), entry.sid);
  }

  async function ignore(callSid?: string): Promise<void> {
    const entry = resolveEntry(callSid, findPendingIncoming);
    requireStatus(entry, ['pending'], 'ignore');
    await sdk('call', () => entry.call.ignore(), entry.sid);
    // The SDK emits no event for ignore(): close the call ourselves.
    updateCall(entry.sid, (c) => closeCall(c, 'ignored', now()));
    finishCall(entry);
  }

  async function mute(muted?: boolean, callSid?: string): Promise<{ muted: boolean }> {
    const entry = resolveEntry(callSid, findLive);
    requireStatus(entry, ['connecting', 'ringing', 'open', 'reconnecting'], 'mute');
    const target = muted ?? !entry.call.isMuted();
    await sdk('call', () => entry.call.mute(target), entry.sid);
    const actual = entry.call.isMuted();
    updateCall(entry.sid, (c) => ({ ...c, muted: actual }));
    return { muted: actual };
  }

  async function sendDigits(digits: string, callSid?: string): Promise<void> {
    assertAlive();
    const checked = validateDigits(digits);
    if (!checked.ok) throw new SoftphoneError('invalid_digits', checked.reason);
    const entry = resolveEntry(callSid, findLive);
    requireStatus(entry, ['open'], 'send digits on');
    await sdk('call', () => entry.call.sendDigits(checked.digits), entry.sid);
  }

  async function sendMessage(content: unknown, messageType: string = DEFAULT_MESSAGE_TYPE, callSid?: string): Promise<SendMessageResult> {
    assertAlive();
    const checked = checkMessage(content, messageType);
    if (!checked.ok) throw new SoftphoneError('invalid_argument', checked.reason);
    const entry = resolveEntry(callSid, findLive);
    requireStatus(entry, ['ringing', 'open', 'reconnecting'], 'send a message on');
    if (!entry.call.parameters.CallSid) throw new SoftphoneError('wrong_state', 'The call has no CallSid yet; try again once it rings.');
    const voiceEventSid = await sdk('call', () => entry.call.sendMessage({ content, messageType, contentType: 'application/json' }), entry.sid);
    return new Promise<SendMessageResult>((resolve, rejectMessage) => {
      entry.pendingMessages.push({ voiceEventSid, resolve, reject: rejectMessage });
    });
  }

  async function postFeedback(score: number, issue?: FeedbackIssue, callSid?: string): Promise<void> {
    assertAlive();
    const checked = checkFeedback(score, issue);
    if (!checked.ok) throw new SoftphoneError('invalid_argument', checked.reason);
    const lastEnded = (list: readonly CallState[]): CallState | undefined =>
      findLive(list) ?? [...list].reverse().find((c) => c.status === 'closed');
    const entry = resolveEntry(callSid, lastEnded);
    await sdk('call', () => entry.call.postFeedback(score, issue), entry.sid);
    updateCall(entry.sid, (c) => ({ ...c, feedbackSent: true }));
  }

  async function requestMicrophone(): Promise<void> {
    assertAlive();
    if (!media) throw new SoftphoneError('unsupported', 'This browser cannot capture audio.');
    const result = await requestMicrophoneAccess(media);
    assertAlive();
    applyMicrophoneResult(result);
    if (result.permission === 'denied') {
      throw new SoftphoneError('microphone_denied', 'Microphone access is still denied.', 31401);
    }
    if (result.permission === 'unavailable') throw new SoftphoneError('unsupported', 'No microphone could be opened.', 31402);
    await audioControls.refreshDeviceList();
    if (waitingForMicrophone) {
      waitingForMicrophone = false;
      startPromise = null;
      await start();
    }
  }

  function destroy(): void {
    if (destroyed) return;
    destroyed = true;
    refresher?.dispose();
    audioControls.stopWatching();
    // Destroy while still subscribed, so the calls' and device's final events reach state$/events$.
    const d = device;
    for (const entry of calls.all()) {
      entry.hangupRequested = true;
      entry.pendingMessages.splice(0).forEach((m) => m.reject(destroyedError()));
    }
    if (d && d.state !== 'destroyed') {
      try {
        d.destroy();
      } catch (error) {
        setError(toLastError(error, { source: 'device', at: now() }));
      }
    }
    for (const entry of calls.all()) {
      entry.subscription?.unsubscribe();
      entry.subscription = null;
    }
    subscriptions.unsubscribe();
    update((s) => ({
      ...s,
      device: { ...s.device, state: 'destroyed', isBusy: false },
      calls: s.calls.map((c) => closeCall(c, 'destroyed', now())),
      activeCallSid: null,
    }));
    store.complete();
    events.complete();
    volume.complete();
    // Switching to null removes the SDK listener; completing then completes micLevel$ subscribers.
    audioHelper.next(null);
    audioHelper.complete();
    device = null;
  }

  const state$: Observable<SoftphoneState> = store.state$;

  return {
    instance: identity,
    config: cfg,
    state$,
    events$: events.asObservable(),
    volume$: volume.asObservable(),
    micLevel$,
    getState: () => store.get(),
    start,
    register,
    unregister,
    dial,
    hangup,
    hangupAll,
    accept,
    reject,
    ignore,
    mute,
    sendDigits,
    sendMessage,
    setInputDevice: audioControls.setInputDevice,
    setOutputDevice: audioControls.setOutputDevice,
    setRingtoneDevice: audioControls.setRingtoneDevice,
    testSpeaker: audioControls.testSpeaker,
    postFeedback,
    requestMicrophone,
    clearError: () => {
      if (!destroyed) setError(null);
    },
    destroy,
  };
}
