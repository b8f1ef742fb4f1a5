/**
 * The live Twilio Device (at most one per service) and its mirror in `state.device` / `state.audio`.
 * Commands get the Device through `require`, which says why there is none in a code the UI can act on.
 */
import { SoftphoneError } from '../contract/service';
import { readAudioState } from './audioState';
import type { ServiceLifetime } from './lifetime';
import { RegistrationTruth } from './registrationTruth';
import type { AudioHelperLike, DeviceLike } from './sdkTypes';
import type { StateStore } from './stateStore';

export interface DeviceRequirement {
  /** The command places or answers calls (or could ring), so a denied microphone refuses it. */
  needsMicrophone: boolean;
}

export class CurrentDevice {
  private device: DeviceLike | null = null;
  /** Intent and gateway answers that decide what `state.device.state` may claim. */
  readonly registration = new RegistrationTruth();

  constructor(
    private readonly store: StateStore,
    private readonly lifetime: ServiceLifetime,
  ) {}

  get(): DeviceLike | null {
    return this.device;
  }

  attach(device: DeviceLike): void {
    this.device = device;
  }

  detach(): void {
    this.device = null;
  }

  /** Copies what the Device reports (state, busy, edge, audio selection) into the state. */
  sync(): void {
    const d = this.device;
    if (!d) return;
    this.store.update((s) => ({
      ...s,
      device: {
        ...s.device,
        state: this.registration.present(d.state),
        registrationConfirmedAt: this.registration.confirmedAt,
        identity: d.identity,
        isBusy: d.isBusy,
        edge: d.edge,
        home: d.home,
      },
      audio: readAudioState(d.audio, s.audio),
    }));
  }

  /** A Device that can place or answer calls: supported, microphone allowed (if needed), created. */
  require({ needsMicrophone }: DeviceRequirement): DeviceLike {
    this.lifetime.assertAlive();
    const s = this.store.get();
    if (!s.device.supported) throw new SoftphoneError('unsupported', 'This browser cannot run the Voice SDK.');
    if (needsMicrophone && s.microphone.permission === 'denied') {
      throw new SoftphoneError(
        'microphone_denied',
        'Microphone access was denied; allow it in the browser and try again.',
      );
    }
    if (!this.device || this.device.state === 'destroyed')
      throw new SoftphoneError('not_ready', 'The softphone is not ready yet.');
    return this.device;
  }

  /** The live Device's AudioHelper, if there is one. */
  audio(): AudioHelperLike | null {
    return this.device?.audio ?? null;
  }

  /** The live Device's AudioHelper; throws `not_ready` without one. */
  requireAudio(): AudioHelperLike {
    const audio = this.require({ needsMicrophone: false }).audio;
    if (!audio) throw new SoftphoneError('not_ready', 'Audio devices are not available yet.');
    return audio;
  }
}
