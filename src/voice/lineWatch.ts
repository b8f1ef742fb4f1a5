/**
 * Notices that a parked or held line ended on the server. A parked line has no SDK call, so when its far party hangs
 * up nothing reaches the browser: while the state has a held or parked call, the route's `lines` is asked every
 * ~2 s (jittered, so many tabs do not ask in step; one request at a time), and an entry whose line is no longer
 * listed is closed as `remote-hangup` with the usual `disconnect` event. No held or parked call: no requests at all.
 * A held call that still has its SDK leg ends through the SDK (the server hangs the leg up); this leaves it alone.
 */
import type { Subscription, Observable } from 'rxjs';
import type { CallState, SoftphoneState } from '../contract/schema';
import { isSoftphoneError } from '../contract/service';
import type { CallControlClient } from './callControlClient';
import type { CallTracker } from './callTracker';
import type { LineOperations } from './lineOperations';
import type { ServiceOutputs } from './serviceOutputs';
import type { Timers } from './timers';

/** The mean interval between two `lines` requests; each wait is drawn from ±25 % around it. */
export const LINE_POLL_MS = 2_000;

export interface LineWatchDeps {
  calls: CallTracker;
  client: CallControlClient;
  lines: Pick<LineOperations, 'isParked'>;
  outputs: ServiceOutputs;
  timers: Timers;
  random: () => number;
  /** Runs the look-up between call-control commands, so it never sees a line mid-change. */
  exclusive: <T>(run: () => Promise<T>) => Promise<T>;
}

export class LineWatch {
  private timer: unknown = null;
  private polling = false;
  private stopped = false;
  private subscription: Subscription | null = null;

  constructor(private readonly deps: LineWatchDeps) {}

  watch(state$: Observable<SoftphoneState>): void {
    if (!this.deps.client.available) return;
    this.subscription = state$.subscribe(() => this.reconsider());
  }

  /** Shutdown: no more requests; a look-up in flight is ignored. */
  dispose(): void {
    this.stopped = true;
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.cancelTimer();
  }

  private reconsider(): void {
    if (this.stopped || this.polling) return;
    const needed = this.watched().length > 0;
    if (needed && this.timer === null) {
      const wait = LINE_POLL_MS * (0.75 + 0.5 * this.deps.random());
      this.timer = this.deps.timers.setTimeout(() => {
        this.timer = null;
        void this.poll();
      }, wait);
    } else if (!needed) this.cancelTimer();
  }

  private async poll(): Promise<void> {
    this.polling = true;
    try {
      await this.deps.exclusive(() => this.lookUp());
    } catch (error) {
      // A server without `lines` (older deployment): stop asking. Anything else: try again next round.
      if (isSoftphoneError(error) && error.code === 'unsupported') this.dispose();
    } finally {
      this.polling = false;
      this.reconsider();
    }
  }

  private async lookUp(): Promise<void> {
    if (this.stopped || this.watched().length === 0) return;
    const { lines } = await this.deps.client.request('lines', {});
    if (this.stopped) return;
    const open = new Set(lines.map((line) => line.lineSid));
    for (const call of this.watched()) {
      if (call.twilioCallSid !== null && !open.has(call.twilioCallSid)) this.ended(call);
    }
  }

  /** The server no longer has the line: a parked entry closes here (a live SDK leg would tell us itself). */
  private ended(call: CallState): void {
    const { calls, lines, outputs } = this.deps;
    if (!lines.isParked(call)) return;
    calls.closeDetached(call.sid, 'remote-hangup');
    outputs.emit({ source: 'call', name: 'disconnect', callSid: call.sid, data: null });
  }

  /** The calls whose end only the server can tell: open and held, or parked. */
  private watched(): CallState[] {
    const { calls, lines } = this.deps;
    return calls.list().filter((c) => c.status === 'open' && (c.held || lines.isParked(c)));
  }

  private cancelTimer(): void {
    if (this.timer === null) return;
    this.deps.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
