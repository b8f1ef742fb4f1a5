/**
 * Repairs registrations that went stale without anyone noticing. Chrome freezes hidden tabs (the SDK's
 * registration then goes stale silently, twilio-voice.js#444), the SDK gives up re-registering after some
 * failures, and a token fix needs a re-register. The watchdog runs a check:
 * - on every tick (`intervalMs`); a tick that comes far too late means the page was frozen or suspended,
 *   i.e. keepalives were missed, so the registration is treated as stale;
 * - on `freeze`/`resume` (Page Lifecycle), `visibilitychange` to visible, `online`, and after a token refresh.
 * Each check also lets the signalling recovery look (it probes the gateway while the SDK's socket is down).
 * When the softphone means to be registered, an unregistered Device is registered again and a stale one is
 * re-registered (unregister + register), which makes the gateway confirm it again.
 */
import type { CurrentDevice } from './currentDevice';
import type { DeviceLifecycle } from './deviceLifecycle';
import type { Timers } from './timers';

/** The page events that may follow a freeze or a lost network (a minimal EventTarget). */
export interface PageEventsLike {
  addEventListener(type: string, listener: (event: { type: string }) => void): void;
  removeEventListener(type: string, listener: (event: { type: string }) => void): void;
}

export interface RegistrationWatchdogDeps {
  device: CurrentDevice;
  lifecycle: DeviceLifecycle;
  timers: Timers;
  now: () => number;
  /** `document` (freeze/resume/visibilitychange) and `window` (online); absent outside a browser. */
  pageEvents: PageEventsLike[];
  isHidden: () => boolean;
  intervalMs: number;
  /** Brings a lost signalling socket back once the gateway answers again (signallingRecovery.ts). */
  signalling?: { check(): void; stop(): void };
}

const PAGE_EVENTS = ['freeze', 'resume', 'visibilitychange', 'online', 'pageshow'] as const;
/** Unregistered for this many ticks in a row while wanted: the SDK is not recovering by itself. */
const TICKS_BEFORE_REGISTER = 2;

export class RegistrationWatchdog {
  private timer: unknown = null;
  private lastTickAt = 0;
  private unregisteredTicks = 0;
  private stale = false;
  private stopped = false;
  private hiddenSince: number | null = null;

  constructor(private readonly deps: RegistrationWatchdogDeps) {}

  start(): void {
    if (this.stopped || this.timer !== null) return;
    for (const target of this.deps.pageEvents)
      for (const type of PAGE_EVENTS) target.addEventListener(type, this.onPage);
    this.lastTickAt = this.deps.now();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.deps.signalling?.stop();
    if (this.timer !== null) this.deps.timers.clearTimeout(this.timer);
    this.timer = null;
    for (const target of this.deps.pageEvents)
      for (const type of PAGE_EVENTS) target.removeEventListener(type, this.onPage);
  }

  /** Checks now (e.g. after a token refresh). */
  check(): void {
    const { device, lifecycle } = this.deps;
    const d = device.get();
    if (!this.stopped) this.deps.signalling?.check();
    if (this.stopped || !d || !device.registration.wanted || lifecycle.commandInFlight) return;
    if (d.state === 'registered' && !this.stale) {
      this.unregisteredTicks = 0;
      return;
    }
    try {
      const repair = d.state === 'registered' ? lifecycle.reconfirm() : this.registerIfStuck(d.state, d.edge !== null);
      this.stale = false;
      // Failures are published as lastError by the lifecycle; the next check tries again.
      repair?.catch(() => undefined);
    } catch {
      // Not possible right now (microphone denied, shutting down): the next check looks again.
    }
  }

  private registerIfStuck(sdkState: string, socketUp: boolean): Promise<void> | null {
    // Without a socket (the SDK clears `edge` when its signaling goes offline) the SDK reconnects and re-registers
    // by itself; a register() now would fail with 31009 and cancel that re-registration.
    if (sdkState !== 'unregistered' || !socketUp) return null;
    // The SDK re-registers by itself after a signaling reconnect; give it a tick unless the page was frozen.
    if (!this.stale && ++this.unregisteredTicks < TICKS_BEFORE_REGISTER) return null;
    this.unregisteredTicks = 0;
    return this.deps.lifecycle.retryRegistration();
  }

  private readonly onPage = (event: { type: string }): void => {
    const now = this.deps.now();
    // Nothing can be repaired while freezing (the page stops right after); `resume` follows.
    if (event.type === 'freeze') return;
    if (this.deps.isHidden()) {
      this.hiddenSince ??= now;
      return;
    }
    const hiddenFor = this.hiddenSince === null ? 0 : now - this.hiddenSince;
    this.hiddenSince = null;
    // Switching tabs back and forth must not re-register each time; a long hide, a freeze or a lost network may.
    if (event.type !== 'visibilitychange' || hiddenFor > this.deps.intervalMs * 3) this.stale = true;
    this.check();
  };

  private schedule(): void {
    this.timer = this.deps.timers.setTimeout(() => this.tick(), this.deps.intervalMs);
  }

  private tick(): void {
    const now = this.deps.now();
    // Timers stop while a page is frozen; a late tick means keepalives were missed meanwhile.
    if (now - this.lastTickAt > this.deps.intervalMs * 3) this.stale = true;
    this.lastTickAt = now;
    this.check();
    if (!this.stopped) this.schedule();
  }
}
