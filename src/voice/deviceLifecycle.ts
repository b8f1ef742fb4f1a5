/**
 * The Device's life: created with the first token, registered (once at a time: concurrent
 * `register()` calls race in the SDK, twilio-voice.js#110), unregistered, destroyed. Its events are
 * listened to from creation until the service shuts down.
 */
import { Subscription } from 'rxjs';
import { buildDeviceOptions, type ResolvedVoiceServiceConfig } from './config';
import type { CurrentDevice } from './currentDevice';
import type { ErrorReporter } from './errorReporter';
import type { MicLevelSource } from './micLevel';
import { deviceEvents, type DeviceSdkEvent } from './sdkEvents';
import type { DeviceFactory } from './sdkTypes';
import type { StateStore } from './stateStore';
import type { FreshToken } from './tokenRefresher';

export interface DeviceLifecycleDeps {
  config: ResolvedVoiceServiceConfig;
  device: CurrentDevice;
  store: StateStore;
  errors: ErrorReporter;
  micLevel: MicLevelSource;
  onEvent: (event: DeviceSdkEvent) => void;
}

export class DeviceLifecycle {
  private readonly subscriptions = new Subscription();
  private registration: Promise<void> | null = null;

  constructor(private readonly deps: DeviceLifecycleDeps) {}

  create(factory: DeviceFactory, token: FreshToken): void {
    const { config, device, store, micLevel, onEvent } = this.deps;
    const created = factory.create(token.token, buildDeviceOptions(config));
    device.attach(created);
    this.subscriptions.add(deviceEvents(created).subscribe(onEvent));
    store.update((s) => ({ ...s, device: { ...s.device, tokenExpiresAt: token.expiresAt } }));
    device.sync();
    micLevel.attach(created.audio);
  }

  /**
   * Registers the Device, joining a registration already in flight; null when it is registered
   * already. Registering without a microphone would ring calls the user cannot answer.
   */
  startRegistration(): Promise<void> | null {
    const d = this.deps.device.require({ needsMicrophone: true });
    if (d.state === 'registered') return null;
    // A failed registration blocks incoming calls until fixed, hence blocking severity.
    this.registration ??= this.deps.errors
      .runSdk(() => d.register(), { source: 'device', blocking: true })
      .finally(() => {
        this.registration = null;
      });
    return this.registration;
  }

  async unregister(): Promise<void> {
    const d = this.deps.device.require({ needsMicrophone: false });
    if (this.registration) await this.registration.catch(() => undefined);
    if (d.state !== 'registered') return;
    await this.deps.errors.runSdk(() => d.unregister(), { source: 'device' });
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
}
