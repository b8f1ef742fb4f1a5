/**
 * One identity's seat among this browser profile's tabs: the leader election, the channel to the other tabs and
 * the tab count (the lock's holder plus its queue, counted by the leader). Absent (null) where the browser has no
 * Web Locks or BroadcastChannel: the tab then simply runs its own phone.
 */
import { BehaviorSubject, distinctUntilChanged, type Observable } from 'rxjs';
import { LeaderElection, lockNameFor, type LockManagerLike, type TabRole } from './leaderElection';
import { newSessionId, openTabChannel, type TabChannel } from './protocol';

/** How often the leader counts the tabs again (a crashed tab announces nothing). */
export const TAB_COUNT_INTERVAL_MS = 2000;

export class TabCoordinator {
  readonly channel: TabChannel;
  readonly role$: Observable<TabRole>;
  private readonly tabs = new BehaviorSubject<number>(1);
  readonly tabs$: Observable<number> = this.tabs.pipe(distinctUntilChanged());
  private readonly election: LeaderElection;
  private readonly stopListening: () => void;
  private countTimer: ReturnType<typeof setInterval> | null = null;

  constructor(
    identity: string,
    private readonly locks: LockManagerLike,
    /** The channel to the other tabs (tests hand in an in-memory one). */
    channel?: TabChannel,
  ) {
    this.channel = channel ?? openTabChannel(identity, newSessionId());
    this.election = new LeaderElection(locks, lockNameFor(identity));
    this.role$ = this.election.role$;
    this.stopListening = this.channel.listen((message) => {
      if (message.kind === 'presence') void this.count();
    });
  }

  get role(): TabRole | null {
    return this.election.current;
  }

  start(): void {
    this.election.start();
    this.countTimer = setInterval(() => void this.count(), TAB_COUNT_INTERVAL_MS);
    this.channel.post({ kind: 'presence' });
    void this.count();
  }

  takeOver(): void {
    this.election.takeOver();
  }

  /** Counts the tabs now (the leader publishes the count in its state). */
  async count(): Promise<void> {
    try {
      const snapshot = await this.locks.query();
      const name = this.election.lockName;
      const entries = [...(snapshot.held ?? []), ...(snapshot.pending ?? [])].filter((lock) => lock.name === name);
      if (!this.tabs.closed) this.tabs.next(Math.max(1, entries.length));
    } catch {
      // Counting is informative only.
    }
  }

  destroy(): void {
    if (this.countTimer !== null) clearInterval(this.countTimer);
    this.countTimer = null;
    this.stopListening();
    this.election.destroy();
    this.channel.post({ kind: 'presence' });
    this.channel.close();
    this.tabs.complete();
  }
}

/** A coordinator for `identity` when this browser can coordinate tabs, else null. */
export function createTabCoordinator(identity: string): TabCoordinator | null {
  const locks = typeof navigator === 'undefined' ? undefined : (navigator as { locks?: LockManagerLike }).locks;
  if (!locks || typeof BroadcastChannel === 'undefined') return null;
  return new TabCoordinator(identity, locks);
}
