/**
 * What the service needs only once a call exists or a command arrives, in its own lazy chunk (lazyCallHandling.ts
 * loads it): the call commands, call control (the route client with the Device's current token, the call-backs it
 * waits for, the line operations, the line watch) and the call-waiting tone. The parcel mounts and the Device
 * registers without it; nothing here runs before a command did (a held line, a call-back or a waiting call all
 * follow a call that a command placed or answered).
 */
import { CallCommands } from './callCommands';
import { CallControl } from './callControl';
import { CallControlClient } from './callControlClient';
import type { CallTracker } from './callTracker';
import { CallWaitingTone, createWebAudioBeeper } from './callWaiting';
import type { ResolvedVoiceServiceConfig } from './config';
import type { CurrentDevice } from './currentDevice';
import type { VoiceEnvironment } from './environment';
import type { SdkRunner } from './errorReporter';
import type { ServiceLifetime } from './lifetime';
import { LineCallbacks } from './lineCallbacks';
import { LineOperations } from './lineOperations';
import { LineWatch } from './lineWatch';
import type { ServiceOutputs } from './serviceOutputs';

export interface CallHandling {
  commands: CallCommands;
  control: CallControl;
  callbacks: LineCallbacks;
  /** Shutdown: rejects the call-backs still awaited, stops the tone and the line watch. */
  dispose(): void;
}

export interface CallHandlingContext {
  config: ResolvedVoiceServiceConfig;
  env: VoiceEnvironment;
  calls: CallTracker;
  device: CurrentDevice;
  outputs: ServiceOutputs;
  lifetime: ServiceLifetime;
  runSdk: SdkRunner;
}

function createCallControl(context: CallHandlingContext) {
  const { config, env, calls, device, outputs, lifetime } = context;
  const client = new CallControlClient({
    url: config.callControlUrl,
    baseUrl: env.baseUrl,
    fetch: env.fetch,
    token: () => device.get()?.token ?? null,
    timers: env.timers,
  });
  const callbacks = new LineCallbacks(env.timers);
  const lines = new LineOperations({
    identity: config.identity,
    rtcConfiguration: config.gateway?.rtcConfiguration,
    calls,
    client,
    callbacks,
    outputs,
    now: env.now,
  });
  const control = new CallControl({ calls, client, lines, lifetime });
  const watch = new LineWatch({
    calls,
    client,
    lines,
    outputs,
    timers: env.timers,
    random: env.random,
    exclusive: (run) => control.exclusive(run),
  });
  watch.watch(outputs.state$);
  return { control, callbacks, watch };
}

export function createCallHandling(context: CallHandlingContext): CallHandling {
  const { config, env, calls, device, lifetime, runSdk } = context;
  const { control, callbacks, watch } = createCallControl(context);
  const tone = new CallWaitingTone(env.timers, env.createBeeper ?? createWebAudioBeeper);
  if (config.allowIncomingWhileBusy) tone.watch(context.outputs.state$);
  const commands = new CallCommands({
    identity: config.identity,
    rtcConfiguration: config.gateway?.rtcConfiguration,
    calls,
    control,
    device,
    runSdk,
    lifetime,
    now: env.now,
  });
  return {
    commands,
    control,
    callbacks,
    dispose() {
      callbacks.dispose();
      tone.dispose();
      watch.dispose();
    },
  };
}
