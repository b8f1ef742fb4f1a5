/**
 * One identity's persisted call history: add (bounded to MAX_HISTORY_ENTRIES, oldest dropped), read newest
 * first, clear. Every change is announced to the other tabs over `BroadcastChannel` and to this tab's
 * listeners, so each tab's view re-reads the shared store.
 */
import { BehaviorSubject, type Observable } from 'rxjs';
import { DEFAULT_HISTORY_LIMIT, HistoryEntrySchema, MAX_HISTORY_ENTRIES, type HistoryEntry } from '../contract/history';
import { openDatabase, type StoredCall } from './database';

/** How many calls the view keeps in memory (the `history` command may read up to the bound). */
export const VIEW_LIMIT = DEFAULT_HISTORY_LIMIT;

function channelNameOf(identity: string): string {
  return `switchboard-softphone:history:${identity}`;
}

function rangeOf(identity: string): IDBKeyRange {
  return IDBKeyRange.bound([identity, -Infinity], [identity, Infinity]);
}

/** The stored call as the contract describes it; null for a record this version cannot read (any page of the origin can write). */
function toEntry({ identity: _identity, ...stored }: StoredCall): HistoryEntry | null {
  const parsed = HistoryEntrySchema.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

export class CallHistory {
  private readonly entries = new BehaviorSubject<readonly HistoryEntry[]>([]);
  /** The newest VIEW_LIMIT calls, newest first; replays the latest list. */
  readonly entries$: Observable<readonly HistoryEntry[]> = this.entries.asObservable();
  private channel: BroadcastChannel | null = null;
  private started = false;
  private closed = false;
  private reading: Promise<void> | null = null;
  private stale = false;

  constructor(
    readonly identity: string,
    private readonly max = MAX_HISTORY_ENTRIES,
  ) {}

  /**
   * Reads the view and starts following the other tabs' changes. Separate from construction so a mount can
   * leave the store and the channel until after its first frame; `list`, `add` and `clear` work before it.
   */
  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    if (typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel(channelNameOf(this.identity));
      this.channel.onmessage = () => this.refresh();
    }
    this.refresh();
  }

  async add(entry: HistoryEntry): Promise<void> {
    const db = await openDatabase();
    const tx = db.transaction('calls', 'readwrite');
    await tx.store.put({ ...entry, identity: this.identity });
    const index = tx.store.index('byEnd');
    let excess = (await index.count(rangeOf(this.identity))) - this.max;
    let cursor = excess > 0 ? await index.openCursor(rangeOf(this.identity)) : null;
    while (cursor && excess > 0) {
      await cursor.delete();
      excess -= 1;
      cursor = await cursor.continue();
    }
    await tx.done;
    this.changed();
  }

  /** The newest `limit` calls, newest first. */
  async list(limit = DEFAULT_HISTORY_LIMIT): Promise<HistoryEntry[]> {
    const db = await openDatabase();
    const calls: HistoryEntry[] = [];
    let cursor = await db.transaction('calls').store.index('byEnd').openCursor(rangeOf(this.identity), 'prev');
    while (cursor && calls.length < limit) {
      const entry = toEntry(cursor.value);
      if (entry) calls.push(entry);
      cursor = await cursor.continue();
    }
    return calls;
  }

  async clear(): Promise<void> {
    const db = await openDatabase();
    const tx = db.transaction('calls', 'readwrite');
    let cursor = await tx.store.index('byEnd').openCursor(rangeOf(this.identity));
    while (cursor) {
      await cursor.delete();
      cursor = await cursor.continue();
    }
    await tx.done;
    this.changed();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.channel) {
      this.channel.onmessage = null;
      this.channel.close();
    }
    this.entries.complete();
  }

  private changed(): void {
    if (this.closed) return;
    this.announce();
    // Before start() this view is not followed yet: start() reads it.
    if (this.started) this.refresh();
  }

  /** Tells the other tabs' views to re-read (through a one-off channel when this one is not open yet). */
  private announce(): void {
    if (this.channel) {
      this.channel.postMessage({ changed: true });
      return;
    }
    if (typeof BroadcastChannel === 'undefined') return;
    const once = new BroadcastChannel(channelNameOf(this.identity));
    once.postMessage({ changed: true });
    once.close(); // what is posted before close is still delivered
  }

  /** Re-reads the view; changes arriving while a read runs are coalesced into one more read. */
  private refresh(): void {
    if (this.reading) {
      this.stale = true;
      return;
    }
    this.reading = this.list(VIEW_LIMIT)
      .then((calls) => {
        if (!this.closed) this.entries.next(calls);
      })
      .catch(() => undefined) // no IndexedDB (private mode in some browsers): the history stays empty
      .finally(() => {
        this.reading = null;
        if (!this.stale || this.closed) return;
        this.stale = false;
        this.refresh();
      });
  }
}
