/**
 * One RTCPeerConnection built ahead of the next call and handed to the SDK through its documented `RTCPeerConnection`
 * Device option (the constructor it calls with the call's rtcConfiguration, rtc/rtcpc.js). In Chromium the
 * constructor blocks the main thread for about 1.5–2 ms (a synchronous hop to WebRTC's signalling thread); built
 * while the phone is idle, that is off the dial → invite and accept → answer paths (issue 18). A warm connection has
 * no track and gathers nothing, so it holds no port and no media. It is built only while the phone is registered and
 * has no call (so a call never has a spare connection beside it); the SDK owns the one it takes and closes it at
 * hang-up. Anything else (another configuration, an ICE candidate pool, which would gather while idle, a constructor
 * that throws) builds a connection the ordinary way, so the SDK gets what it would have.
 */
import type { Observable, Subscription } from 'rxjs';
import type { SoftphoneState } from '../contract/schema';
import type { Timers } from './timers';

export type PeerConnectionConstructor = new (configuration?: RTCConfiguration) => RTCPeerConnection;

/** Registered, and every call over: the moment to build the next one. */
export function isIdle(state: SoftphoneState): boolean {
  return state.device.state === 'registered' && state.calls.every((call) => call.status === 'closed');
}

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
  private primeTimer: unknown = null;
  private watching: Subscription | null = null;
  /** The phone's last state was idle. */
  private idle = false;
  /**
   * False from a take until the state has shown a call: the taken connection's call is not in state yet when the SDK
   * builds it, and a spare built meanwhile would land on that call's setup.
   */
  private armed = true;

  /** What the SDK constructs with `new`: the warm connection when it fits, else a fresh one. */
  readonly sdkConstructor: PeerConnectionConstructor;

  constructor(private readonly deps: WarmPeerConnectionDeps) {
    const take = (configuration?: RTCConfiguration): RTCPeerConnection => this.take(configuration);
    // A plain function: called with `new`, the object it returns is the result (a class could not return another).
    this.sdkConstructor = function WarmedRTCPeerConnection(configuration?: RTCConfiguration) {
      return take(configuration);
    } as unknown as PeerConnectionConstructor;
  }

  /** Builds the warm connection now if there is none. */
  prime(): void {
    if (this.disposed || this.warm || !this.fits(this.deps.configuration)) return;
    try {
      this.warm = new this.deps.native(this.deps.configuration);
    } catch {
      // The call builds its own connection then, and meets the same error where the SDK reports it.
      this.warm = null;
    }
  }

  /** Builds one, in a task of its own, whenever the phone is idle without one. */
  watch(state$: Observable<SoftphoneState>): void {
    this.watching?.unsubscribe();
    this.watching = state$.subscribe((state) => {
      this.idle = isIdle(state);
      if (!this.idle) this.armed = true;
      else if (this.armed) this.primeSoon();
    });
  }

  /** True while a warm connection is ready for the next call. */
  get ready(): boolean {
    return this.warm !== null && this.warm.signalingState !== 'closed';
  }

  /** Closes the warm connection; later calls build their own. Idempotent. */
  dispose(): void {
    this.disposed = true;
    this.watching?.unsubscribe();
    this.watching = null;
    this.cancelPrime();
    this.warm?.close();
    this.warm = null;
  }

  private take(configuration: RTCConfiguration | undefined): RTCPeerConnection {
    const warm = this.warm;
    if (!warm || configuration !== this.deps.configuration || warm.signalingState === 'closed') {
      return new this.deps.native(configuration);
    }
    this.warm = null;
    this.armed = false;
    this.cancelPrime();
    return warm;
  }

  private fits(configuration: RTCConfiguration | undefined): boolean {
    return !configuration?.iceCandidatePoolSize;
  }

  /** Not inside the state update (a call's hang-up handling, the registration): in the next task. */
  private primeSoon(): void {
    if (this.disposed || this.ready || this.primeTimer !== null) return;
    this.primeTimer = this.deps.timers.setTimeout(() => {
      this.primeTimer = null;
      if (this.idle && this.armed) this.prime();
    }, 0);
  }

  private cancelPrime(): void {
    if (this.primeTimer !== null) this.deps.timers.clearTimeout(this.primeTimer);
    this.primeTimer = null;
  }
}
