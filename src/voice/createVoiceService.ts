/**
 * VoiceService: one Twilio Device per softphone instance, its Calls, the token lifecycle and the
 * audio devices, exposed as `state$` / `events$` / `volume$` / `micLevel$` plus one method per command.
 *
 * This file only composes the service from collaborators of one job each, every one handed what it
 * needs in its constructor: the published outputs and `lastError`, the current Device, its lifecycle
 * and events, the calls and their commands, the audio devices, the tokens, startup and shutdown.
 * The startup order is described in `startup.ts`, the teardown order in `shutdown.ts`.
 */
import { SoftphoneError, type SoftphoneCore } from '../contract/service';
import { createAudioControls } from './audioControls';
import { CallCommands } from './callCommands';
import { CallTracker } from './callTracker';
import { CloseGuard } from './closeGuard';
import { resolveVoiceServiceConfig, type ResolvedVoiceServiceConfig, type VoiceServiceConfig } from './config';
import { CurrentDevice } from './currentDevice';
import { DeviceEventRouter } from './deviceEventRouter';
import { DeviceLifecycle } from './deviceLifecycle';
import { resolveEnvironment, type VoiceServiceDeps } from './environment';
import { ErrorReporter } from './errorReporter';
import { ServiceLifetime } from './lifetime';
import { MicLevelSource } from './micLevel';
import { RegistrationWatchdog } from './registrationWatchdog';
import { ServiceOutputs } from './serviceOutputs';
import { shutDown, type ShutdownParts } from './shutdown';
import { Startup } from './startup';
import { TokenSession } from './tokenSession';

export type { VoiceServiceConfig } from './config';
export { VoiceServiceConfigSchema } from './config';
export type { VoiceServiceDeps } from './environment';

export interface VoiceService extends SoftphoneCore {
  /** The validated configuration with defaults filled in. */
  readonly config: ResolvedVoiceServiceConfig;
}

interface ServiceParts extends ShutdownParts {
  errors: ErrorReporter;
  startup: Startup;
  commands: CallCommands;
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
  const router = new DeviceEventRouter({ device, calls, tokens, errors, outputs, now });
  const lifecycle = new DeviceLifecycle({ config, device, store, errors, micLevel, onEvent: router.handle });
  const watchdog = new RegistrationWatchdog({
    device,
    lifecycle,
    timers: env.timers,
    now,
    pageEvents: env.page.events,
    isHidden: env.page.isHidden,
    intervalMs: config.watchdogIntervalMs,
  });
  const closeGuard = new CloseGuard(env.page.unload, config.closeProtection, () => store.get());
  lifecycle.onCreated = () => {
    watchdog.start();
    closeGuard.start();
  };
  router.onRegistered = () => lifecycle.undoUnwantedRegistration();
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
  const rtcConfiguration = config.gateway?.rtcConfiguration;
  const commands = new CallCommands({
    identity: config.identity,
    rtcConfiguration,
    calls,
    device,
    runSdk: errors.runSdk,
    lifetime,
    now,
  });
  return {
    ...{ lifetime, outputs, errors, device, micLevel, audio, tokens, calls, lifecycle, startup, commands, now },
    ...{ watchdog, closeGuard },
  };
}

function notYet(): Promise<never> {
  return Promise.reject(new SoftphoneError('unsupported', 'Call control is not available in this softphone yet.'));
}

function expose(config: ResolvedVoiceServiceConfig, parts: ServiceParts): VoiceService {
  const { outputs, startup, lifecycle, commands, audio, lifetime, errors } = parts;
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
    dial: (to, params) => commands.dial(to, params),
    hangup: (callSid) => commands.hangup(callSid),
    hangupAll: () => commands.hangupAll(),
    accept: (callSid) => commands.accept(callSid),
    reject: (callSid) => commands.reject(callSid),
    ignore: (callSid) => commands.ignore(callSid),
    mute: (muted, callSid) => commands.mute(muted, callSid),
    sendDigits: (digits, callSid) => commands.sendDigits(digits, callSid),
    sendMessage: (content, messageType, callSid) => commands.sendMessage(content, messageType, callSid),
    setInputDevice: audio.setInputDevice,
    setOutputDevice: audio.setOutputDevice,
    setRingtoneDevice: audio.setRingtoneDevice,
    testSpeaker: audio.testSpeaker,
    postFeedback: (score, issue, callSid) => commands.postFeedback(score, issue, callSid),
    requestMicrophone: () => startup.requestMicrophone(),
    // Call control arrives with the next commit (the server route and the flows); refused until then.
    hold: () => notYet(),
    transfer: () => notYet(),
    completeTransfer: () => notYet(),
    merge: () => notYet(),
    switchCall: () => notYet(),
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
