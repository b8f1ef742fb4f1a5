/**
 * VoiceService: one Twilio Device per softphone instance, its Calls, the token lifecycle and the
 * audio devices, exposed as `state$` / `events$` / `volume$` / `micLevel$` plus one method per command.
 *
 * This file only composes the service from collaborators of one job each, every one handed what it
 * needs in its constructor: the published outputs and `lastError`, the current Device, its lifecycle
 * and events, the calls and their commands, the audio devices, the tokens, startup and shutdown.
 * The startup order is described in `startup.ts`, the teardown order in `shutdown.ts`. The call commands and
 * call control are a lazy chunk (lazyCallHandling.ts): the Device registers and calls ring without it.
 */
import type { SoftphoneCore } from '../contract/service';
import { createAudioControls } from './audioControls';
import { CallTracker } from './callTracker';
import { CloseGuard } from './closeGuard';
import { resolveVoiceServiceConfig, type ResolvedVoiceServiceConfig, type VoiceServiceConfig } from './config';
import { CurrentDevice } from './currentDevice';
import { DeviceEventRouter } from './deviceEventRouter';
import { DeviceLifecycle, type DeviceLifecycleDeps } from './deviceLifecycle';
import { resolveEnvironment, type VoiceServiceDeps } from './environment';
import { ErrorReporter } from './errorReporter';
import { LazyCallHandling } from './lazyCallHandling';
import { ServiceLifetime } from './lifetime';
import { MicLevelSource } from './micLevel';
import { RegistrationWatchdog } from './registrationWatchdog';
import { ServiceOutputs } from './serviceOutputs';
import { browserSignallingRecovery } from './signallingRecovery';
import { shutDown, type ShutdownParts } from './shutdown';
import { Startup } from './startup';
import { TokenSession } from './tokenSession';
import { WarmPeerConnection } from './warmPeerConnection';

export type { VoiceServiceConfig } from './config';
export { VoiceServiceConfigSchema } from './config';
export type { VoiceServiceDeps } from './environment';

export interface VoiceService extends SoftphoneCore {
  /** The validated configuration with defaults filled in. */
  readonly config: ResolvedVoiceServiceConfig;
}

interface ServiceParts extends ShutdownParts {
  callHandling: LazyCallHandling;
  errors: ErrorReporter;
  startup: Startup;
}

/** The watchdog that repairs a stale registration and the guard against closing the page mid-call. */
function guardRegistration(
  config: ResolvedVoiceServiceConfig,
  env: ReturnType<typeof resolveEnvironment>,
  parts: {
    device: CurrentDevice;
    lifecycle: DeviceLifecycle;
    signalling: ReturnType<typeof browserSignallingRecovery>;
    store: ServiceOutputs['store'];
  },
): { watchdog: RegistrationWatchdog; closeGuard: CloseGuard } {
  const { device, lifecycle, signalling, store } = parts;
  const watchdog = new RegistrationWatchdog({
    device,
    lifecycle,
    timers: env.timers,
    now: env.now,
    pageEvents: env.page.events,
    isHidden: env.page.isHidden,
    intervalMs: config.watchdogIntervalMs,
    signalling,
  });
  const closeGuard = new CloseGuard(env.page.unload, config.closeProtection, () => store.get());
  lifecycle.onCreated = () => {
    watchdog.start();
    closeGuard.start();
  };
  return { watchdog, closeGuard };
}

function assemble(config: ResolvedVoiceServiceConfig, deps: VoiceServiceDeps): ServiceParts {
  const env = resolveEnvironment(config, deps);
  const { now } = env;
  const lifetime = new ServiceLifetime();
  const outputs = new ServiceOutputs(config.identity, now);
  const { store } = outputs;
  const errors = new ErrorReporter(store, now);
  const device = new CurrentDevice(store, lifetime);
  const micLevel = new MicLevelSource();
  const audio = createAudioControls({
    media: env.media,
    store,
    now,
    assertAlive: () => lifetime.assertAlive(),
    currentAudio: () => device.audio(),
    requireAudio: () => device.requireAudio(),
    runSdk: errors.runSdk,
  });
  const tokens = new TokenSession({
    config,
    provider: env.tokenProvider,
    timers: env.timers,
    now,
    random: env.random,
    device,
    store,
    errors,
  });
  const calls = new CallTracker({ outputs, errors, device, now });
  const callHandling = new LazyCallHandling(
    { config, env, calls, device, outputs, lifetime, runSdk: errors.runSdk },
    env.loadCallHandling,
    env.timers,
  );
  const router = new DeviceEventRouter({
    ...{ device, calls, tokens, errors, outputs, now },
    claimCallback: (call) => callHandling.claimCallback(call),
    callWaiting: config.allowIncomingWhileBusy,
  });
  const signalling = browserSignallingRecovery(config, { device, timers: env.timers, now, random: env.random });
  const onEvent: DeviceLifecycleDeps['onEvent'] = (event) => (router.handle(event), signalling.check());
  const peerConnections = env.peerConnection
    ? new WarmPeerConnection({
        native: env.peerConnection,
        configuration: config.gateway?.rtcConfiguration,
        timers: env.timers,
      })
    : null;
  peerConnections?.watch(outputs.state$); // built while idle, so no call builds its own
  const peerConnection = peerConnections?.sdkConstructor;
  const lifecycle = new DeviceLifecycle({ config, device, store, errors, micLevel, onEvent, peerConnection });
  const { watchdog, closeGuard } = guardRegistration(config, env, { device, lifecycle, signalling, store });
  router.onRegistered = () => {
    lifecycle.undoUnwantedRegistration();
    callHandling.prefetchWhenIdle(); // so the first call does not wait for the chunk
  };
  tokens.onRefreshed = () => watchdog.check();
  const startup = new Startup({
    autoRegister: config.autoRegister,
    loadFactory: env.loadFactory,
    media: env.media,
    permissions: env.permissions,
    now,
    lifetime,
    store,
    errors,
    audio,
    tokens,
    device,
    lifecycle,
  });
  return {
    ...{ lifetime, outputs, errors, device, micLevel, audio, tokens, calls, lifecycle, startup, now },
    ...{ watchdog, closeGuard, callHandling, peerConnections },
  };
}

function expose(config: ResolvedVoiceServiceConfig, parts: ServiceParts): VoiceService {
  const { outputs, startup, lifecycle, audio, lifetime, errors } = parts;
  const call = parts.callHandling;
  return {
    instance: config.identity,
    config,
    state$: outputs.state$,
    events$: outputs.events$,
    volume$: outputs.volume$,
    micLevel$: parts.micLevel.level$,
    getState: () => outputs.store.get(),
    start: () => startup.start(),
    register: () => startup.register(),
    unregister: () => lifecycle.unregister(),
    dial: (to, params) => call.use((c) => c.commands.dial(to, params)),
    hangup: (callSid) => call.use((c) => c.commands.hangup(callSid)),
    hangupAll: () => call.use((c) => c.commands.hangupAll()),
    accept: (callSid) => call.use((c) => c.commands.accept(callSid)),
    reject: (callSid) => call.use((c) => c.commands.reject(callSid)),
    ignore: (callSid) => call.use((c) => c.commands.ignore(callSid)),
    mute: (muted, callSid) => call.use((c) => c.commands.mute(muted, callSid)),
    sendDigits: (digits, callSid) => call.use((c) => c.commands.sendDigits(digits, callSid)),
    sendMessage: (content, messageType, callSid) =>
      call.use((c) => c.commands.sendMessage(content, messageType, callSid)),
    setInputDevice: audio.setInputDevice,
    setOutputDevice: audio.setOutputDevice,
    setRingtoneDevice: audio.setRingtoneDevice,
    testSpeaker: audio.testSpeaker,
    postFeedback: (score, issue, callSid) => call.use((c) => c.commands.postFeedback(score, issue, callSid)),
    requestMicrophone: () => startup.requestMicrophone(),
    hold: (held, callSid) => call.use((c) => c.control.hold(held, callSid)),
    transfer: (to, callSid, mode) => call.use((c) => c.control.transfer(to, callSid, mode)),
    completeTransfer: (callSid) => call.use((c) => c.control.completeTransfer(callSid)),
    merge: () => call.use((c) => c.control.merge()),
    switchCall: (callSid) => call.use((c) => c.control.switchCall(callSid)),
    clearError: () => {
      if (!lifetime.isDestroyed) errors.set(null);
    },
    destroy: () => shutDown(parts),
  };
}

export function createVoiceService(config: VoiceServiceConfig, deps: VoiceServiceDeps = {}): VoiceService {
  const resolved = resolveVoiceServiceConfig(config);
  return expose(resolved, assemble(resolved, deps));
}
