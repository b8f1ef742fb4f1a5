import { PcmuPlayer } from './player.js';
import { renderTones } from './tones.js';
import type { ServerPeer } from './serverPeer.js';

/** North American ringback: 440 + 480 Hz, 2 s on, 4 s off (what a caller hears from Twilio while a call rings). */
export const RINGBACK = renderTones(
  [
    { frequencies: [440, 480], durationMs: 2000 },
    { frequencies: [], durationMs: 4000 },
  ],
  0.25,
);

/**
 * Ringback as early media on a caller's leg, from the moment its media connects until `stop`. The server generates
 * PCMU only (no Opus encoder), so a leg that negotiated Opus hears silence while it rings.
 */
export class Ringback {
  private readonly player: PcmuPlayer;
  private stopped = false;

  constructor(peer: ServerPeer) {
    this.player = new PcmuPlayer(peer);
    void peer.connected().then((ok) => {
      if (ok && !this.stopped) this.loop();
    });
  }

  stop(): void {
    this.stopped = true;
    this.player.stop();
  }

  private loop(): void {
    this.player.start();
    const next = (): void => {
      if (!this.stopped) void this.player.play(RINGBACK).then(next);
    };
    next();
  }
}
