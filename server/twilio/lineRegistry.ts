/**
 * What call control remembers about a line it has touched: the room its legs are in, the agent's current leg (it
 * changes when a parked line is retrieved), and for a consult line the line it consults for. Twilio stays the source
 * of truth for who is in which room; this only holds what Twilio cannot tell (which leg is whose, what consults what).
 * A line no record knows is found again from Twilio (see lines.ts), so a restart loses only parked and consult lines.
 */
export interface LineRecord {
  identity: string;
  room: string;
  /** The agent's live leg in the room; a parked line keeps the last one (it is simply absent from the room). */
  agentLegSid: string;
  consultFor?: string;
}

const DEFAULT_TTL_MS = 4 * 60 * 60 * 1000;
const DEFAULT_MAX_LINES = 10_000;

export class LineRegistry {
  private readonly lines = new Map<string, { record: LineRecord; expiresAt: number }>();

  constructor(
    private readonly ttlMs = DEFAULT_TTL_MS,
    private readonly maxLines = DEFAULT_MAX_LINES,
    private readonly now: () => number = Date.now,
  ) {}

  get(lineSid: string): LineRecord | undefined {
    const entry = this.lines.get(lineSid);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.lines.delete(lineSid);
      return undefined;
    }
    return entry.record;
  }

  set(lineSid: string, record: LineRecord): void {
    this.lines.delete(lineSid);
    this.lines.set(lineSid, { record, expiresAt: this.now() + this.ttlMs });
    // Oldest first (Map keeps insertion order): a flood of lines cannot grow the map without bound.
    while (this.lines.size > this.maxLines) {
      const oldest = this.lines.keys().next().value;
      if (oldest === undefined) break;
      this.lines.delete(oldest);
    }
  }

  /** The lines of `identity` still remembered (the expired ones are dropped on the way). */
  linesOf(identity: string): Array<{ lineSid: string; record: LineRecord }> {
    const found: Array<{ lineSid: string; record: LineRecord }> = [];
    for (const lineSid of [...this.lines.keys()]) {
      const record = this.get(lineSid);
      if (record?.identity === identity) found.push({ lineSid, record });
    }
    return found;
  }

  delete(lineSid: string): void {
    this.lines.delete(lineSid);
  }

  get size(): number {
    return this.lines.size;
  }
}
