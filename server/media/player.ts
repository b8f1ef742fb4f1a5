import { encodeMulaw } from './g711.js';
import { FRAME_SAMPLES, frames } from './tones.js';
import type { ServerPeer } from './serverPeer.js';

const SILENCE = Buffer.alloc(FRAME_SAMPLES, 0xff); // μ-law zero
const FRAME_MS = 20;

/**
 * Streams generated PCMU audio on a peer at 20 ms per frame: the queued prompt, then silence, so the far end keeps
 * receiving media (as from a real phone line) and the SDK raises no "no audio received" warning between prompts.
 */
export class PcmuPlayer {
  private queue: Buffer[] = [];
  private sequenceNumber = Math.floor(Math.random() * 0xffff);
  private timestamp = Math.floor(Math.random() * 0xffffffff);
  private timer: NodeJS.Timeout | null = null;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly peer: ServerPeer) {}

  start(): void {
    this.timer ??= setInterval(() => this.tick(), FRAME_MS);
  }

  /** Replaces whatever is playing with `samples` (8 kHz linear PCM); resolves when it has been sent (or stopped). */
  play(samples: Int16Array): Promise<void> {
    this.queue = frames(samples).map(encodeMulaw);
    this.wakeIdle();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  get playing(): boolean {
    return this.queue.length > 0;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.queue = [];
    this.wakeIdle();
  }

  private tick(): void {
    const codec = this.peer.sendCodec;
    const next = this.queue.shift();
    if (codec?.mimeType.toLowerCase() === 'audio/pcmu') {
      this.sequenceNumber = (this.sequenceNumber + 1) & 0xffff;
      this.timestamp = (this.timestamp + FRAME_SAMPLES) >>> 0;
      this.peer.send(
        {
          sequenceNumber: this.sequenceNumber,
          timestamp: this.timestamp,
          marker: false,
          payload: next ?? SILENCE,
        },
        'player',
      );
    }
    if (next && this.queue.length === 0) this.wakeIdle();
  }

  private wakeIdle(): void {
    for (const wake of this.idleWaiters.splice(0)) wake();
  }
}
