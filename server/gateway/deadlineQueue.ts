/** A scheduled deadline; `cancel()` is idempotent. */
export interface Deadline {
  cancel(): void;
}

interface Entry extends Deadline {
  at: number;
  run: (() => void) | null;
}

/** setTimeout overflows above 2^31-1 ms; a longer wait is re-armed when that one fires. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Many deadlines on one timer, the earliest armed (a binary min-heap by time). Every socket's token expiry and
 * listen deadline used to be a Node timer each; token expiries all differ by a few ms, so each was a timer list
 * of its own in Node's priority queue. Cancelled entries are dropped lazily, and compacted once they dominate.
 */
export class DeadlineQueue {
  private heap: Entry[] = [];
  private cancelled = 0;
  private timer: NodeJS.Timeout | null = null;
  private armedAt = Number.POSITIVE_INFINITY;

  constructor(private readonly now: () => number = Date.now) {}

  /** Runs `run` at epoch ms `at` (at once, on the next timer turn, if `at` has passed). */
  schedule(at: number, run: () => void): Deadline {
    const entry: Entry = {
      at,
      run,
      cancel: () => {
        if (!entry.run) return;
        entry.run = null;
        this.cancelled += 1;
        if (this.cancelled > 64 && this.cancelled * 2 > this.heap.length) this.compact();
      },
    };
    this.push(entry);
    if (at < this.armedAt) this.arm();
    return entry;
  }

  /** Pending deadlines (cancelled ones excluded). */
  get size(): number {
    return this.heap.length - this.cancelled;
  }

  /** Drops every deadline and the timer. */
  clear(): void {
    for (const entry of this.heap) entry.run = null;
    this.heap = [];
    this.cancelled = 0;
    this.disarm();
  }

  private fire(): void {
    this.timer = null;
    this.armedAt = Number.POSITIVE_INFINITY;
    const now = this.now();
    for (let top = this.heap[0]; top && top.at <= now; top = this.heap[0]) {
      this.pop();
      const run = top.run;
      if (!run) {
        this.cancelled -= 1;
        continue;
      }
      top.run = null;
      run();
    }
    this.arm();
  }

  private arm(): void {
    this.disarm();
    while (this.heap[0] && !this.heap[0].run) {
      this.pop();
      this.cancelled -= 1;
    }
    const top = this.heap[0];
    if (!top) return;
    this.armedAt = top.at;
    this.timer = setTimeout(() => this.fire(), Math.min(Math.max(0, top.at - this.now()), MAX_DELAY_MS));
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.armedAt = Number.POSITIVE_INFINITY;
  }

  private compact(): void {
    this.heap = this.heap.filter((entry) => entry.run !== null).sort((a, b) => a.at - b.at);
    this.cancelled = 0;
    this.arm();
  }

  private push(entry: Entry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((heap[parent] as Entry).at <= entry.at) break;
      heap[i] = heap[parent] as Entry;
      i = parent;
    }
    heap[i] = entry;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop();
    if (!last || heap.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && (heap[right] as Entry).at < (heap[left] as Entry).at ? right : left;
      if ((heap[child] as Entry).at >= last.at) break;
      heap[i] = heap[child] as Entry;
      i = child;
    }
    heap[i] = last;
  }
}
