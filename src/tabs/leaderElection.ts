/**
 * Leader election among the tabs of one identity with the Web Locks API: the tab holding the lock is the leader;
 * every other tab waits in the lock's queue, so when the leader closes or crashes the browser grants the lock to
 * the next tab at once. `takeOver` steals the lock (the person asked for the audio in this tab); the tab it was
 * stolen from goes back to the queue as a follower.
 */
import { BehaviorSubject, distinctUntilChanged, filter, type Observable } from 'rxjs';

export type TabRole = 'leader' | 'follower';

/** The part of `navigator.locks` the election uses. */
export interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable?: boolean; steal?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<unknown> | unknown,
  ): Promise<unknown>;
  query(): Promise<{ held?: { name?: string }[]; pending?: { name?: string }[] }>;
}

export function lockNameFor(identity: string): string {
  return `switchboard-softphone:leader:${identity}`;
}

export class LeaderElection {
  private readonly role = new BehaviorSubject<TabRole | null>(null);
  readonly role$: Observable<TabRole> = this.role.pipe(
    filter((role): role is TabRole => role !== null),
    distinctUntilChanged(),
  );
  private releaseHeld: (() => void) | null = null;
  private queued: AbortController | null = null;
  private destroyed = false;

  constructor(
    private readonly locks: LockManagerLike,
    readonly lockName: string,
  ) {}

  get current(): TabRole | null {
    return this.role.getValue();
  }

  start(): void {
    this.request({ ifAvailable: true }, (lock) => {
      if (lock) return this.hold();
      this.role.next('follower');
      this.queue();
      return undefined;
    });
  }

  /** Become the leader now, taking the lock from the tab that holds it. */
  takeOver(): void {
    if (this.destroyed || this.current === 'leader') return;
    this.queued?.abort();
    this.queued = null;
    this.request({ steal: true }, () => this.hold());
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.queued?.abort();
    this.releaseHeld?.();
    this.releaseHeld = null;
    this.role.complete();
  }

  private queue(): void {
    if (this.destroyed) return;
    const controller = new AbortController();
    this.queued = controller;
    this.request({ signal: controller.signal }, () => this.hold(), controller);
  }

  /** Holds the lock until released; resolving the returned promise gives it up. */
  private hold(): Promise<void> {
    this.queued = null;
    if (this.destroyed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.releaseHeld = resolve;
      this.role.next('leader');
    });
  }

  private request(
    options: { ifAvailable?: boolean; steal?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<unknown> | unknown,
    controller?: AbortController,
  ): void {
    this.locks.request(this.lockName, options, callback).catch(() => {
      // Our own abort (take-over or destroy) needs nothing; otherwise another tab stole the lock.
      if (this.destroyed || controller?.signal.aborted) return;
      this.releaseHeld = null;
      this.role.next('follower');
      this.queue();
    });
  }
}
