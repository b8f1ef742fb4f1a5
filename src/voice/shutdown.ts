/**
 * `destroy()`: stops every timer and listener the service holds and completes its streams, in an
 * order that still publishes the final SDK events (the Device and its calls are destroyed while we
 * listen) and leaves nothing behind (no listeners, timers, subscriptions or media tracks).
 */
import type { AudioControls } from './audioControls';
import { closeCall } from './callState';
import type { CallTracker } from './callTracker';
import type { CloseGuard } from './closeGuard';
import type { CurrentDevice } from './currentDevice';
import type { DeviceLifecycle } from './deviceLifecycle';
import type { ServiceLifetime } from './lifetime';
import type { MicLevelSource } from './micLevel';
import type { RegistrationWatchdog } from './registrationWatchdog';
import type { ServiceOutputs } from './serviceOutputs';
import type { TokenSession } from './tokenSession';

export interface ShutdownParts {
  lifetime: ServiceLifetime;
  tokens: TokenSession;
  audio: AudioControls;
  calls: CallTracker;
  device: CurrentDevice;
  lifecycle: DeviceLifecycle;
  outputs: ServiceOutputs;
  micLevel: MicLevelSource;
  watchdog: RegistrationWatchdog;
  closeGuard: CloseGuard;
  /** The call commands and call control (lazyCallHandling.ts), loaded or not. */
  callHandling: { dispose(): void };
  /** The RTCPeerConnection built ahead (warmPeerConnection.ts), if any. */
  peerConnections: { dispose(): void } | null;
  now: () => number;
}

/** Idempotent: the second call does nothing. */
export function shutDown(parts: ShutdownParts): void {
  const { lifetime, tokens, audio, calls, device, lifecycle, outputs, micLevel, now } = parts;
  if (!lifetime.end()) return;
  parts.watchdog.stop();
  parts.closeGuard.stop();
  parts.callHandling.dispose();
  tokens.dispose();
  audio.stopWatching();
  calls.abandonAll();
  lifecycle.destroyDevice();
  parts.peerConnections?.dispose();
  calls.stopListening();
  lifecycle.stopListening();
  outputs.update((s) => ({
    ...s,
    device: { ...s.device, state: 'destroyed', isBusy: false },
    calls: s.calls.map((c) => closeCall(c, 'destroyed', now())),
    activeCallSid: null,
  }));
  outputs.complete();
  micLevel.complete();
  device.detach();
}
