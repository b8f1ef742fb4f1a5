/**
 * A bad network on the server's send path, for a window after start (afterwards packets pass straight through):
 * drops a share of packets at random and holds the rest, releasing them in bunches every `jitterMs`, like a link that
 * stalls and flushes. Bunching keeps packets in order: WebRTC receivers compute RFC 3550 jitter from in-order packets
 * only, so random reordering would hide the jitter. With 20 ms packets released every J ms, consecutive transit
 * times differ by -20 ms inside a bunch and by J-20 ms across bunches, so the measured jitter approaches 40·(1-20/J)
 * ms: J = 300 gives ≈ 37 ms, above the SDK's `high-jitter` threshold of 30 ms.
 */
export interface ImpairmentOptions {
  /** Share of packets dropped while impaired, 0..1. */
  lossRate: number;
  /** Kept packets are held and released together every `jitterMs` while impaired (0 = no delay). */
  jitterMs: number;
  /** How long the impairment lasts from `start()`; Infinity = for the whole call. */
  windowMs: number;
  /** Injectable for tests; default Math.random. */
  random?: () => number;
  now?: () => number;
}

export interface ImpairmentStats {
  passed: number;
  dropped: number;
  delayed: number;
}

export class Impairment {
  private startedAt: number | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  readonly stats: ImpairmentStats = { passed: 0, dropped: 0, delayed: 0 };
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(private readonly options: ImpairmentOptions) {
    if (!(options.lossRate >= 0 && options.lossRate <= 1)) throw new RangeError('lossRate must be within 0..1');
    if (!(options.jitterMs >= 0)) throw new RangeError('jitterMs must be ≥ 0');
    if (!(options.windowMs >= 0)) throw new RangeError('windowMs must be ≥ 0');
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  /** Starts the impairment window (media connected). */
  start(): void {
    this.startedAt ??= this.now();
  }

  get active(): boolean {
    return this.startedAt !== null && this.now() - this.startedAt < this.options.windowMs;
  }

  /** Runs `send` now, later, or never, depending on the impairment. */
  apply(send: () => void): void {
    if (!this.active) {
      this.stats.passed++;
      send();
      return;
    }
    if (this.random() < this.options.lossRate) {
      this.stats.dropped++;
      return;
    }
    const { jitterMs } = this.options;
    const elapsed = this.now() - (this.startedAt ?? 0);
    const delay = jitterMs > 0 ? jitterMs - (elapsed % jitterMs) : 0;
    if (delay <= 0) {
      this.stats.passed++;
      send();
      return;
    }
    this.stats.delayed++;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      send();
    }, delay);
    this.timers.add(timer);
  }

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Drops packets still waiting out their delay. */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
