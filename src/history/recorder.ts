/**
 * Writes every call of a phone's state stream to the history once, when it closes. Runs only in the tab that
 * owns the Device (the leader), so each call is written once however many tabs are open.
 */
import type { Observable } from 'rxjs';
import type { HistoryEntry } from '../contract/history';
import type { SoftphoneState } from '../contract/schemaState';
import { historyEntryOf } from './entryOf';

/** Sids remembered so a call still listed after it closed is not written twice. */
const REMEMBERED_SIDS = 200;

export function recordFinishedCalls(
  state$: Observable<SoftphoneState>,
  write: (entry: HistoryEntry) => void,
): () => void {
  const written: string[] = [];
  const subscription = state$.subscribe({
    next: (state) => {
      for (const call of state.calls) {
        if (written.includes(call.sid)) continue;
        const entry = historyEntryOf(call);
        if (!entry) continue;
        written.push(call.sid);
        if (written.length > REMEMBERED_SIDS) written.shift();
        write(entry);
      }
    },
    error: () => undefined,
  });
  return () => subscription.unsubscribe();
}
