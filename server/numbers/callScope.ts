import type { ServerPeer } from '../media/serverPeer.js';

/** What one simulated call holds (timers, media) so the call's end releases all of it in one place. */
export class CallScope {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly cleanups: Array<() => void> = [];
  private peer: ServerPeer | null = null;
  private ended = false;

  get isEnded(): boolean {
    return this.ended;
  }

  after(ms: number, action: () => void): void {
    if (this.ended) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.ended) action();
    }, ms);
    this.timers.add(timer);
  }

  adopt(peer: ServerPeer): void {
    if (this.ended) void peer.close();
    else this.peer = peer;
  }

  onEnd(cleanup: () => void): void {
    if (this.ended) cleanup();
    else this.cleanups.push(cleanup);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const cleanup of this.cleanups.splice(0).reverse()) cleanup();
    void this.peer?.close();
    this.peer = null;
  }
}
