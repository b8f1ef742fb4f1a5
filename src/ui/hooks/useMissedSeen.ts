/**
 * How many missed calls this person has not looked at yet: missed calls that ended after the last time the
 * Recent calls list was opened. The moment is kept in localStorage per identity, so every tab agrees.
 */
import { useCallback, useEffect, useState } from 'react';
import type { HistoryEntry } from '../../contract/schema';

function storageKey(identity: string): string {
  return `switchboard-softphone:missed-seen:${identity}`;
}

function readSeenAt(identity: string): number {
  try {
    return Number(localStorage.getItem(storageKey(identity))) || 0;
  } catch {
    return 0; // storage disabled: everything counts as unseen until opened in this tab
  }
}

export function useMissedSeen(identity: string, calls: readonly HistoryEntry[]): [number, () => void] {
  const [seenAt, setSeenAt] = useState(() => readSeenAt(identity));
  // Opening the list in another tab counts here too.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === storageKey(identity)) setSeenAt(readSeenAt(identity));
    };
    addEventListener('storage', onStorage);
    return () => removeEventListener('storage', onStorage);
  }, [identity]);
  const markSeen = useCallback(() => {
    const now = Date.now();
    setSeenAt(now);
    try {
      localStorage.setItem(storageKey(identity), String(now));
    } catch {
      // Kept for this tab only.
    }
  }, [identity]);
  const unseen = calls.filter((call) => call.missed && call.endedAt > seenAt).length;
  return [unseen, markSeen];
}
