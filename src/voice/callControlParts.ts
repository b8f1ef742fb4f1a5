/**
 * Builds the call-control collaborators of one service: the route client (with the Device's current token), the
 * call-backs it waits for, the line operations, the commands, and the call-waiting tone.
 */
import { CallControl } from './callControl';
import { CallControlClient } from './callControlClient';
import type { CallTracker } from './callTracker';
import { CallWaitingTone } from './callWaiting';
import type { ResolvedVoiceServiceConfig } from './config';
import type { CurrentDevice } from './currentDevice';
import type { VoiceEnvironment } from './environment';
import type { ServiceLifetime } from './lifetime';
import { LineCallbacks } from './lineCallbacks';
import { LineOperations } from './lineOperations';
import { LineWatch } from './lineWatch';
import type { CallLike } from './sdkTypes';
import type { ServiceOutputs } from './serviceOutputs';

export interface CallControlParts {
  control: CallControl;
  callbacks: LineCallbacks;
  tone: CallWaitingTone;
  /** Closes parked lines that ended on the server. */
  watch: LineWatch;
  /** What the Device event router needs to route incoming calls. */
  incoming: { claimCallback: (call: CallLike) => boolean; callWaiting: boolean };
}

export interface CallControlContext {
  config: ResolvedVoiceServiceConfig;
  env: VoiceEnvironment;
  calls: CallTracker;
  device: CurrentDevice;
  outputs: ServiceOutputs;
  lifetime: ServiceLifetime;
}

export function createCallControlParts(context: CallControlContext): CallControlParts {
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
  const tone = new CallWaitingTone(env.timers, env.createBeeper);
  if (config.allowIncomingWhileBusy) tone.watch(outputs.state$);
  const incoming = {
    claimCallback: (call: CallLike) => callbacks.claim(call),
    callWaiting: config.allowIncomingWhileBusy,
  };
  return { control, callbacks, tone, watch, incoming } satisfies CallControlParts;
}
