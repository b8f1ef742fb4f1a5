import { remix } from './conferenceMix.js';
import type { LineEndpoints } from './lineEndpoints.js';
import { endpointsOf, type Endpoint, type Line, type LineBook } from './lines.js';
import type { SessionDirectory } from './sessionDirectory.js';

export interface ParkingLimits {
  /** A parked line ends after this long (the agent never came back for it). */
  parkedLimitMs: number;
  /** …or once its owner has had no signalling socket for this long (the reconnect grace). */
  ownerAwayLimitMs: number;
}

export const DEFAULT_PARKING: ParkingLimits = { parkedLimitMs: 10 * 60_000, ownerAwayLimitMs: 30_000 };
const SWEEP_MS = 1_000;

/**
 * How lines react to their endpoints: an agent leg that ends while its line is held parks the line, one that ends
 * while it is live ends the line (the far party is hung up, as before call control); a party that leaves a
 * conference leaves the others talking; the line's last party ending ends it. Parked lines are swept after
 * `parkedLimitMs` or when their owner has been away longer than `ownerAwayLimitMs`.
 */
export class LineLifecycle {
  private readonly answeredHooks = new Map<Endpoint, () => void>();
  private readonly awaySince = new Map<Line, number>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly book: LineBook,
    endpoints: LineEndpoints,
    private readonly directory: SessionDirectory,
    private readonly limits: ParkingLimits,
  ) {
    endpoints.onGone = (endpoint) => this.gone(endpoint);
    endpoints.onPeer = (endpoint) => this.changed(endpoint);
    this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
    this.sweeper.unref();
  }

  /** Runs `hook` once when `endpoint` answers (a consult leg: then its target is dialled). */
  whenAnswered(endpoint: Endpoint, hook: () => void): void {
    this.answeredHooks.set(endpoint, hook);
  }

  /** An endpoint answered, started early media or got a new server peer. */
  changed(endpoint: Endpoint): void {
    const line = this.book.lineOf(endpoint);
    if (!line) return;
    if (endpoint === line.returning && endpoint.state === 'answered') {
      line.agent = endpoint;
      line.returning = null;
      line.held = false;
      line.heldAt = null;
      line.parkedAt = null;
      this.awaySince.delete(line);
    }
    remix(line);
    const hook = endpoint.state === 'answered' ? this.answeredHooks.get(endpoint) : undefined;
    this.answeredHooks.delete(endpoint);
    hook?.();
  }

  /** Hangs up every endpoint of the line and forgets it. */
  endLine(line: Line): void {
    this.book.remove(line);
    this.awaySince.delete(line);
    for (const endpoint of endpointsOf(line)) {
      this.answeredHooks.delete(endpoint);
      endpoint.hangup();
    }
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const line of this.book.all()) this.endLine(line);
  }

  private gone(endpoint: Endpoint): void {
    this.answeredHooks.delete(endpoint);
    const line = this.book.lineOf(endpoint);
    if (!line) return;
    if (endpoint === line.returning) {
      line.returning = null;
      return;
    }
    if (endpoint === line.agent) {
      line.agent = null;
      // A consult leg or transfer target that never answered ends its line; a held line's agent leg parks it.
      if (endpoint.leg !== null && line.held) this.park(line);
      else this.endLine(line);
      return;
    }
    line.parties = line.parties.filter((p) => p !== endpoint);
    const joinsNobody = line.owner === null && line.parties.length < 2;
    if (line.parties.length === 0 || joinsNobody) this.endLine(line);
    else remix(line);
  }

  private park(line: Line): void {
    line.parkedAt = Date.now();
    remix(line);
  }

  private sweep(): void {
    const now = Date.now();
    for (const line of this.book.all()) {
      if (line.parkedAt === null || line.agent !== null) continue;
      const ownerHere = line.owner !== null && this.directory.connectedAs(line.owner).length > 0;
      if (ownerHere) this.awaySince.delete(line);
      else if (!this.awaySince.has(line)) this.awaySince.set(line, now);
      const away = now - (this.awaySince.get(line) ?? now);
      if (now - line.parkedAt > this.limits.parkedLimitMs || away > this.limits.ownerAwayLimitMs) this.endLine(line);
    }
  }
}
