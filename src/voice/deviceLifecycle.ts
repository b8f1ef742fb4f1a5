/**
 * The Device's life: created with the first token, registered and unregistered one command at a time
 * (see `deviceCommandQueue.ts`), destroyed. Its events are listened to from creation until the service
 * shuts down. The SDK may re-register on its own after a signaling reconnect; when the user had asked
 * to be unregistered meanwhile, that registration is undone, so the last intent always wins.
 */
import { Subscription } from 'rxjs';
import { SoftphoneError } from '../contract/service';
import { buildDeviceOptions, type ResolvedVoiceServiceConfig } from './config';
import type { CurrentDevice } from './currentDevice';
import { DeviceCommandQueue } from './deviceCommandQueue';
import type { ErrorReporter } from './errorReporter';
import type { MicLevelSource } from './micLevel';
import { deviceEvents, type DeviceSdkEvent } from './sdkEvents';
import type { DeviceFactory, DeviceLike, DeviceOptionsLike } from './sdkTypes';
import type { StateStore } from './stateStore';
import type { FreshToken } from './tokenRefresher';

export interface DeviceLifecycleDeps {
  config: ResolvedVoiceServiceConfig;
  device: CurrentDevice;
  store: StateStore;
  errors: ErrorReporter;
  micLevel: MicLevelSource;
  onEvent: (event: DeviceSdkEvent) => void;
  /** Given to the SDK as its `RTCPeerConnection` option (warmPeerConnection.ts); absent: the SDK's default. */
  peerConnection?: DeviceOptionsLike['RTCPeerConnection'];
  /** How long a register/unregister may wait for the SDK to settle; default 30 s. */
  settleTimeoutMs?: number;
}

/** Resolves once the SDK leaves `registering` (its own re-registration after a reconnect), or after `ms`. */
function settled(d: DeviceLike, ms: number): Promise<void> {
  if (d.state !== 'registering') return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      d.removeListener('registered', done);
      d.removeListener('unregistered', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    d.on('registered', done);
    d.on('unregistered', done);
  });
}

/** Rejects with `timeout` when the SDK never settles (a dead socket): the queue must never wedge. */
function withTimeout(action: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SoftphoneError('timeout', 'The voice gateway did not answer in time.')), ms);
  });
  return Promise.race([action, expired]).finally(() => clearTimeout(timer));
}

export class DeviceLifecycle {
  private readonly subscriptions = new Subscription();
  private readonly queue = new DeviceCommandQueue();
  /** Counts intent changes, so a failed registration resets only its own intent. */
  private intentVersion = 0;

  /** After the Device exists (the registration watchdog starts then). */
  onCreated: () => void = () => undefined;

  constructor(private readonly deps: DeviceLifecycleDeps) {}

  create(factory: DeviceFactory, token: FreshToken): void {
    const { config, device, store, micLevel, onEvent, peerConnection } = this.deps;
    const options = buildDeviceOptions(config);
    const created = factory.create(
      token.token,
      peerConnection ? { ...options, RTCPeerConnection: peerConnection } : options,
    );
    device.attach(created);
    this.subscriptions.add(deviceEvents(created).subscribe(onEvent));
    store.update((s) => ({ ...s, device: { ...s.device, tokenExpiresAt: token.expiresAt } }));
    device.sync();
    micLevel.attach(created.audio);
    this.onCreated();
  }

  /**
   * Registers the Device after any register/unregister before it; resolves once the gateway confirmed
   * it. Registering without a microphone would ring calls the user cannot answer. When it fails, the
   * reply and the state say so (`unregistered` with the blocking error), unless a later command came.
   */
  async register(): Promise<void> {
    const registration = this.retryRegistration();
    const attempt = this.intentVersion;
    return registration.catch((error: unknown) => {
      if (this.intentVersion === attempt) this.setIntent(false);
      throw error;
    });
  }

  /** Registers again keeping the intent on failure: the watchdog retries until it works. */
  async retryRegistration(): Promise<void> {
    const d = this.deps.device.require({ needsMicrophone: true });
    this.setIntent(true);
    return this.queue.run('register', async () => {
      await settled(d, this.settleTimeoutMs);
      if (d.state === 'registered' || d.state === 'destroyed') return;
      await this.registerNow(d);
    });
  }

  /**
   * Has the gateway confirm a registration that may be stale (the page was frozen, keepalives were missed):
   * unregister, then register again, keeping the intent.
   */
  async reconfirm(): Promise<void> {
    const d = this.deps.device.require({ needsMicrophone: true });
    return this.queue.run('register', async () => {
      await settled(d, this.settleTimeoutMs);
      if (d.state === 'destroyed') return;
      if (d.state === 'registered') await withTimeout(d.unregister(), this.settleTimeoutMs).catch(() => undefined);
      if (d.state === 'unregistered') await this.registerNow(d);
    });
  }

  async unregister(): Promise<void> {
    const d = this.deps.device.require({ needsMicrophone: false });
    this.setIntent(false);
    return this.queue.run('unregister', async () => {
      await settled(d, this.settleTimeoutMs);
      if (d.state !== 'registered') return;
      await this.deps.errors.runSdk(() => withTimeout(d.unregister(), this.settleTimeoutMs), { source: 'device' });
    });
  }

  /** True while a register/unregister runs or waits (the watchdog leaves the Device alone meanwhile). */
  get commandInFlight(): boolean {
    return this.queue.busy;
  }

  /** The SDK registered by itself (after a signaling reconnect) although the last intent was "unregistered". */
  undoUnwantedRegistration(): void {
    const { device } = this.deps;
    if (device.registration.wanted || this.queue.busy || device.get()?.state !== 'registered') return;
    try {
      this.unregister().catch(() => undefined);
    } catch {
      // Shutting down: nothing to undo.
    }
  }

  /** Destroys the SDK Device while still listening, so its final events reach state$/events$. */
  destroyDevice(): void {
    const d = this.deps.device.get();
    if (!d || d.state === 'destroyed') return;
    try {
      d.destroy();
    } catch (error) {
      this.deps.errors.report(error, { source: 'device' });
    }
  }

  stopListening(): void {
    this.subscriptions.unsubscribe();
  }

  private get settleTimeoutMs(): number {
    return this.deps.settleTimeoutMs ?? 30_000;
  }

  private registerNow(d: DeviceLike): Promise<void> {
    // A failed registration blocks incoming calls until fixed, hence blocking severity.
    return this.deps.errors.runSdk(() => withTimeout(d.register(), this.settleTimeoutMs), {
      source: 'device',
      blocking: true,
    });
  }

  private setIntent(wanted: boolean): void {
    this.intentVersion++;
    this.deps.device.registration.wanted = wanted;
    this.deps.device.sync();
  }
}
