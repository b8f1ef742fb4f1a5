/**
 * One RTCPeerConnection built ahead of the next call and handed to the SDK through its documented `RTCPeerConnection`
 * Device option (the constructor it calls with the call's rtcConfiguration, rtc/rtcpc.js). In Chromium the
 * constructor blocks the main thread for about 1.5–2 ms (a synchronous hop to WebRTC's signalling thread); built
 * while the phone is idle, that is off the dial → invite and accept → answer paths (issue 18). A warm connection has
 * no track and gathers nothing, so it holds no port and no media. The SDK owns the one it takes (it closes it at
 * hang-up); the next one is built once the taken one has its answer (signalling back to `stable`) or after
 * `REFILL_FALLBACK_MS`. Anything else (another configuration, an ICE candidate pool, which would gather ahead of the
 * call, a constructor that throws) builds a connection the ordinary way, so the SDK gets what it would have.
 */
import type { Timers } from './timers';

export type PeerConnectionConstructor = new (configuration?: RTCConfiguration) => RTCPeerConnection;

/** The next warm connection is built at the latest this long after one was taken. */
export const REFILL_FALLBACK_MS = 3_000;

export interface WarmPeerConnectionDeps {
  /** The browser's constructor. */
  native: PeerConnectionConstructor;
  /** The configuration the service passes to every `connect` and `accept` (undefined: none). */
  configuration: RTCConfiguration | undefined;
  timers: Timers;
}

export class WarmPeerConnection {
  private warm: RTCPeerConnection | null = null;
  private disposed = false;
  private refillTimer: unknown = null;
  private stopWatching: (() => void) | null = null;

  /** What the SDK constructs with `new`: the warm connection when it fits, else a fresh one. */
  readonly sdkConstructor: PeerConnectionConstructor;

  constructor(private readonly deps: WarmPeerConnectionDeps) {
    const take = (configuration?: RTCConfiguration): RTCPeerConnection => this.take(configuration);
    // A plain function: called with `new`, the object it returns is the result (a class could not return another).
    this.sdkConstructor = function WarmedRTCPeerConnection(configuration?: RTCConfiguration) {
      return take(configuration);
    } as unknown as PeerConnectionConstructor;
  }

  /** Builds the warm connection if there is none (the Device registered, or a taken one was answered). */
  prime(): void {
    if (this.disposed || this.warm || !this.fits(this.deps.configuration)) return;
    try {
      this.warm = new this.deps.native(this.deps.configuration);
    } catch {
      // The call builds its own connection then, and meets the same error where the SDK reports it.
      this.warm = null;
    }
  }

  /** True while a warm connection is ready for the next call. */
  get ready(): boolean {
    return this.warm !== null && this.warm.signalingState !== 'closed';
  }

  /** Closes the warm connection; later calls build their own. Idempotent. */
  dispose(): void {
    this.disposed = true;
    this.cancelRefill();
    this.warm?.close();
    this.warm = null;
  }

  private take(configuration: RTCConfiguration | undefined): RTCPeerConnection {
    const warm = this.warm;
    if (!warm || configuration !== this.deps.configuration || warm.signalingState === 'closed') {
      return new this.deps.native(configuration);
    }
    this.warm = null;
    this.refillAfterSetup(warm);
    return warm;
  }

  private fits(configuration: RTCConfiguration | undefined): boolean {
    return !configuration?.iceCandidatePoolSize;
  }

  /** Builds the next one after this call's offer/answer, outside its setup's critical path. */
  private refillAfterSetup(taken: RTCPeerConnection): void {
    this.cancelRefill();
    const refill = (): void => {
      this.cancelRefill();
      // Its own task: not inside the SDK's handling of the answer.
      this.refillTimer = this.deps.timers.setTimeout(() => {
        this.refillTimer = null;
        this.prime();
      }, 0);
    };
    const onSignallingChange = (): void => {
      if (taken.signalingState === 'stable' || taken.signalingState === 'closed') refill();
    };
    taken.addEventListener('signalingstatechange', onSignallingChange);
    this.stopWatching = () => taken.removeEventListener('signalingstatechange', onSignallingChange);
    this.refillTimer = this.deps.timers.setTimeout(refill, REFILL_FALLBACK_MS);
  }

  private cancelRefill(): void {
    this.stopWatching?.();
    this.stopWatching = null;
    if (this.refillTimer !== null) this.deps.timers.clearTimeout(this.refillTimer);
    this.refillTimer = null;
  }
}
