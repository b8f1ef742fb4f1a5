/**
 * The startup sequence of `start()`: SDK chunk + `Device.isSupported` → microphone permission (tracks
 * stopped) → device list → access token → Device (+ default microphone selected in the background) →
 * register (when `autoRegister`). A denied microphone stops there: no Device is created until
 * `requestMicrophone()` succeeds, so nothing can ring that the user could not answer.
 */
import { SoftphoneError } from '../contract/service';
import type { AudioControls } from './audioControls';
import type { CurrentDevice } from './currentDevice';
import type { DeviceLifecycle } from './deviceLifecycle';
import type { ErrorReporter } from './errorReporter';
import { isMicrophoneDenied, toLastError, toSoftphoneError, unsupportedBrowserError } from './errors';
import { destroyedError, type ServiceLifetime } from './lifetime';
import {
  queryMicrophonePermission,
  requestMicrophoneAccess,
  type MediaDevicesLike,
  type MicrophoneResult,
  type PermissionsLike,
} from './media';
import type { DeviceFactory } from './sdkTypes';
import type { StateStore } from './stateStore';
import type { TokenSession } from './tokenSession';
import type { FreshToken } from './tokenRefresher';

export interface StartupDeps {
  autoRegister: boolean;
  loadFactory: () => Promise<DeviceFactory>;
  media: MediaDevicesLike | null;
  permissions: PermissionsLike | undefined;
  now: () => number;
  lifetime: ServiceLifetime;
  store: StateStore;
  errors: ErrorReporter;
  audio: AudioControls;
  tokens: TokenSession;
  device: CurrentDevice;
  lifecycle: DeviceLifecycle;
}

export class Startup {
  private startPromise: Promise<void> | null = null;
  /** Startup stopped at a denied microphone; `requestMicrophone()` resumes it. */
  private waitingForMicrophone = false;

  constructor(private readonly deps: StartupDeps) {}

  /** Idempotent: concurrent and repeated calls share one run; a failed run can be retried. */
  start(): Promise<void> {
    if (this.deps.lifetime.isDestroyed) return Promise.reject(destroyedError());
    this.startPromise ??= this.run().catch((error: unknown) => {
      this.startPromise = null;
      throw error;
    });
    return this.startPromise;
  }

  /** Waits for a startup that is about to create the Device, then registers it. */
  async register(): Promise<void> {
    this.deps.lifetime.assertAlive();
    if (!this.deps.device.get() && this.startPromise && !this.waitingForMicrophone) await this.startPromise;
    await this.deps.lifecycle.register();
  }

  async requestMicrophone(): Promise<void> {
    const { lifetime, media, audio } = this.deps;
    lifetime.assertAlive();
    if (!media) throw new SoftphoneError('unsupported', 'This browser cannot capture audio.');
    const result = await requestMicrophoneAccess(media);
    lifetime.assertAlive();
    this.applyMicrophoneResult(result);
    if (result.permission === 'denied') {
      throw new SoftphoneError('microphone_denied', 'Microphone access is still denied.', 31401);
    }
    if (result.permission === 'unavailable')
      throw new SoftphoneError('unsupported', 'No microphone could be opened.', 31402);
    await audio.refreshDeviceList();
    if (this.waitingForMicrophone) {
      this.waitingForMicrophone = false;
      this.startPromise = null;
      await this.start();
    }
  }

  private async run(): Promise<void> {
    const { lifetime, store, errors, media, permissions, audio, now } = this.deps;
    let factory: DeviceFactory;
    try {
      factory = await this.deps.loadFactory();
    } catch (error) {
      errors.report(error, { source: 'device', blocking: true });
      throw toSoftphoneError(error, 'internal_error');
    }
    lifetime.assertAlive();
    if (!factory.isSupported || !media) {
      store.update((s) => ({
        ...s,
        device: { ...s.device, state: 'unsupported', supported: false },
        lastError: unsupportedBrowserError(now()),
      }));
      return;
    }

    const known = await queryMicrophonePermission(permissions);
    lifetime.assertAlive();
    // Until the browser answers, 'unknown' means the prompt is (probably) on screen.
    store.update((s) => ({ ...s, microphone: { permission: known === 'unknown' ? 'prompt' : known } }));
    const microphone = await requestMicrophoneAccess(media);
    lifetime.assertAlive();
    this.applyMicrophoneResult(microphone);
    await audio.refreshDeviceList();
    lifetime.assertAlive();
    audio.watchDeviceChanges();
    if (microphone.permission === 'denied') {
      this.waitingForMicrophone = true;
      store.update((s) => ({ ...s, device: { ...s.device, state: 'unregistered' } }));
      return;
    }

    let token: FreshToken;
    try {
      token = await this.deps.tokens.acquire();
    } catch {
      throw destroyedError();
    }
    lifetime.assertAlive();
    this.deps.lifecycle.create(factory, token);
    // In the background: registration must not wait for (or fail with) the microphone selection.
    audio.selectDefaultInput();
    if (this.deps.autoRegister) await this.register();
  }

  private applyMicrophoneResult(result: MicrophoneResult): void {
    const { store, now } = this.deps;
    if (result.permission === 'granted') {
      store.update((s) => ({
        ...s,
        microphone: { permission: 'granted' },
        lastError: s.lastError?.source === 'microphone' ? null : s.lastError,
      }));
      return;
    }
    const error =
      result.permission === 'denied' && !isMicrophoneDenied(result.error) ? { name: 'NotAllowedError' } : result.error;
    store.update((s) => ({
      ...s,
      microphone: { permission: result.permission },
      lastError: toLastError(error, { source: 'microphone', at: now(), blocking: result.permission === 'denied' }),
    }));
  }
}
