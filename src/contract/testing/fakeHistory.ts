/** The fake service's call history: an in-memory list a test sets, read newest first like the persisted one. */
import { BehaviorSubject } from 'rxjs';
import { DEFAULT_HISTORY_LIMIT, type HistoryEntry, type HistoryResult } from '../schema';

export class FakeHistory {
  private readonly entries = new BehaviorSubject<readonly HistoryEntry[]>([]);
  readonly history$ = this.entries.asObservable();

  /** Replaces the list (sorted newest first, as the store keeps it). */
  set(entries: readonly HistoryEntry[]): void {
    this.entries.next([...entries].sort((a, b) => b.endedAt - a.endedAt));
  }

  read(limit = DEFAULT_HISTORY_LIMIT): HistoryResult {
    return { calls: this.entries.getValue().slice(0, limit) };
  }

  clear(): void {
    this.entries.next([]);
  }

  complete(): void {
    this.entries.complete();
  }
}
