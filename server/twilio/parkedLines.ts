import type { LineLocator } from './lines.js';
import type { TwilioRestClient } from './restClient.js';

export interface ParkTiming {
  /** A held line with no leg of ours in it ends after this long (the far party would otherwise wait forever). */
  parkedLineTtlMs: number;
  /** How often a held line is looked at meanwhile. */
  parkCheckMs: number;
}

export const DEFAULT_PARK_TIMING: ParkTiming = { parkedLineTtlMs: 10 * 60 * 1000, parkCheckMs: 60 * 1000 };

/**
 * Ends parked lines that nobody retrieves. Twilio says nothing when our leg leaves a room unless a status callback
 * is configured, so each held line is looked at every `parkCheckMs` while it stays held; once it has been parked (held,
 * no leg of ours) for `parkedLineTtlMs`, its conference is completed. Lines that are resumed, retrieved or gone stop
 * being watched.
 */
export class ParkedLines {
  private readonly watched = new Map<string, { identity: string; timer: NodeJS.Timeout; parkedSince?: number }>();

  constructor(
    private readonly rest: TwilioRestClient,
    private readonly lines: LineLocator,
    private readonly timing: ParkTiming,
    private readonly log: (line: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  watch(identity: string, lineSid: string): void {
    if (this.watched.has(lineSid)) return;
    const timer = setInterval(() => void this.check(lineSid), this.timing.parkCheckMs);
    timer.unref();
    this.watched.set(lineSid, { identity, timer });
  }

  forget(lineSid: string): void {
    const entry = this.watched.get(lineSid);
    if (entry) clearInterval(entry.timer);
    this.watched.delete(lineSid);
  }

  /** Stops every watch (server shutdown). */
  close(): void {
    for (const lineSid of [...this.watched.keys()]) this.forget(lineSid);
  }

  private async check(lineSid: string): Promise<void> {
    const entry = this.watched.get(lineSid);
    if (!entry) return;
    try {
      const line = await this.lines.locate(entry.identity, lineSid);
      const held = line.far.length > 0 && line.far.every((far) => far.hold);
      if (!held) return this.forget(lineSid);
      if (line.agent) {
        entry.parkedSince = undefined;
        return;
      }
      entry.parkedSince ??= this.now();
      if (this.now() - entry.parkedSince < this.timing.parkedLineTtlMs) return;
      this.forget(lineSid);
      this.log(`call control: ${lineSid} was parked for too long; ending it`);
      await this.rest.conferences(line.room.conferenceSid).update({ status: 'completed' });
    } catch (error) {
      // The line ended (no_active_call) or Twilio failed; either way this watch is over.
      this.forget(lineSid);
      this.log(`call control: watching parked line ${lineSid}: ${String(error)}`);
    }
  }
}
