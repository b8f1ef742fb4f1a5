/**
 * What the published device state may claim. The SDK says `registered` until it notices otherwise, and
 * `unregistered` while it quietly reconnects; neither is what the gateway would do with a call. The
 * service records its intent and what the gateway told it, and the published state is derived from both:
 * - `registered` only while the SDK is registered and the gateway has not refused the token since;
 * - `reconnecting` while the softphone means to be registered but is not (signaling lost, token refused);
 * - `unregistered` only when nobody asked for a registration (or the user unregistered).
 */
import type { DeviceStateName } from '../contract/schema';

export class RegistrationTruth {
  /** The last register/unregister intent (a command, autoRegister or the watchdog). */
  wanted = false;
  /** The gateway refused the token after the last confirmed registration. */
  authRejected = false;
  /** Epoch ms of the last `registered` the gateway confirmed. */
  confirmedAt: number | null = null;

  confirm(at: number): void {
    this.confirmedAt = at;
    this.authRejected = false;
  }

  present(sdkState: string): DeviceStateName {
    switch (sdkState) {
      case 'destroyed':
        return 'destroyed';
      case 'registering':
        return this.authRejected ? 'reconnecting' : 'registering';
      case 'registered':
        return this.authRejected ? 'reconnecting' : 'registered';
      default:
        return this.wanted ? 'reconnecting' : 'unregistered';
    }
  }
}
