/** Something that beats once per period (a signalling socket sending the SDK's heartbeat). */
export interface Beating {
  beat(): void;
}

/** Slots per period: each tick touches 1/SLOTS of the sockets, so their beats stay spread over the period. */
const SLOTS = 20;

/**
 * One timer for the heartbeats of every socket, instead of an interval per socket: at 5,000 sockets, 5,000 Node
 * timers are 5,000 objects in the timer lists and a callback (and its closure) per beat. Members sit in the slot
 * that was just served when they joined, so each beats one period after joining and every period after that.
 */
export class HeartbeatWheel {
  private readonly slots: Array<Set<Beating>> = Array.from({ length: SLOTS }, () => new Set());
  private readonly slotOf = new Map<Beating, Set<Beating>>();
  private readonly tickMs: number;
  private cursor = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(periodMs: number) {
    this.tickMs = Math.max(1, periodMs / SLOTS);
  }

  get size(): number {
    return this.slotOf.size;
  }

  add(member: Beating): void {
    if (this.slotOf.has(member)) return;
    const slot = this.slots[(this.cursor + SLOTS - 1) % SLOTS] as Set<Beating>;
    slot.add(member);
    this.slotOf.set(member, slot);
    this.timer ??= setInterval(() => this.tick(), this.tickMs);
  }

  remove(member: Beating): void {
    const slot = this.slotOf.get(member);
    if (!slot) return;
    slot.delete(member);
    this.slotOf.delete(member);
    if (this.slotOf.size === 0) this.stop();
  }

  /** Releases the timer (members stay until removed). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private tick(): void {
    const slot = this.slots[this.cursor] as Set<Beating>;
    this.cursor = (this.cursor + 1) % SLOTS;
    for (const member of slot) member.beat();
  }
}
