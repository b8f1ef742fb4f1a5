/**
 * The reconnection spec's `blockMediaPorts` / `unblockMediaPorts` for the local gateway: cuts the server peers that
 * a call's setup created off the network (every leg of the call ends on one), and restores them.
 */
import { openServerPeers, type ServerPeer } from '../../../../server/media/serverPeer';

export class MediaOutage {
  private restores: Array<() => void> = [];

  private constructor(private readonly peers: readonly ServerPeer[]) {}

  /** Runs `setUp` (a call's setup) and remembers the server peers it created. */
  static async around(setUp: () => Promise<unknown>): Promise<MediaOutage> {
    const before = new Set(openServerPeers());
    await setUp();
    return new MediaOutage(openServerPeers().filter((peer) => !before.has(peer)));
  }

  get legs(): number {
    return this.peers.length;
  }

  block(): void {
    if (this.restores.length === 0) this.restores = this.peers.map((peer) => peer.cutOffNetwork());
  }

  unblock(): void {
    for (const restore of this.restores.splice(0)) restore();
  }
}
