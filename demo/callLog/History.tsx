/**
 * The persisted call history of each softphone on the page, from the bus: read once with the `history` command
 * when a softphone first shows up, then kept current by its `history` events (both seen by the call log's client). It survives reloads because the
 * softphone keeps it (IndexedDB), not this sibling.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { createSoftphoneClient } from '@switchboard/softphone';
import type { HistoryEntry, SoftphoneEvent, SoftphoneState } from '../../src/contract/schema';

export const HISTORY_ROWS = 20;

type SoftphoneClient = ReturnType<typeof createSoftphoneClient>;

type Histories = Readonly<Record<string, readonly HistoryEntry[]>>;

/** What the call log's one bus client hands over: every state and event it sees. */
export interface HistoryFeed {
  onState(state: SoftphoneState): void;
  onEvent(event: SoftphoneEvent): void;
}

export function useBusHistory(): [Histories, HistoryFeed] {
  const [histories, setHistories] = useState<Histories>({});
  const targeted = useRef(new Set<SoftphoneClient>());
  const feed = useMemo<HistoryFeed>(() => {
    const asked = new Set<string>();
    const update = (instance: string, calls: readonly HistoryEntry[]) =>
      setHistories((current) => ({ ...current, [instance]: calls.slice(0, HISTORY_ROWS) }));
    return {
      onState(state) {
        if (asked.has(state.instance)) return;
        asked.add(state.instance);
        // Several softphones may share the page: the command names this one.
        const client = createSoftphoneClient({ target: state.instance });
        targeted.current.add(client);
        client
          .history(HISTORY_ROWS)
          .then(({ calls }) => update(state.instance, calls))
          .catch(() => asked.delete(state.instance)) // an older softphone without history: ask again later
          .finally(() => {
            targeted.current.delete(client);
            client.destroy();
          });
      },
      onEvent(event) {
        if (event.source === 'history') update(event.instance, event.data.calls);
      },
    };
  }, []);
  useEffect(() => {
    const clients = targeted.current;
    return () => {
      for (const client of clients) client.destroy();
      clients.clear();
    };
  }, []);
  return [histories, feed];
}

function describe(entry: HistoryEntry): string {
  if (entry.missed) return 'missed';
  if (entry.answeredAt === null) return entry.endReason ?? 'not answered';
  return `${Math.round(entry.durationMs / 1000)} s`;
}

export function CallHistory({ histories }: { histories: Histories }) {
  const instances = Object.keys(histories).sort();
  if (instances.length === 0) return null;
  return (
    <table className="call-history">
      <caption>Call history (persisted)</caption>
      <thead>
        <tr>
          <th scope="col">Phone</th>
          <th scope="col">When</th>
          <th scope="col">Call</th>
          <th scope="col">Outcome</th>
        </tr>
      </thead>
      <tbody>
        {instances.flatMap((instance) =>
          (histories[instance] ?? []).map((entry) => (
            <tr key={`${instance}:${entry.id}`} data-instance={instance}>
              <th scope="row">{instance}</th>
              <td>
                <time dateTime={new Date(entry.startedAt).toISOString()}>
                  {new Date(entry.startedAt).toLocaleString()}
                </time>
              </td>
              <td>
                {entry.direction === 'incoming' ? 'from' : 'to'} {entry.peer ?? '?'}
              </td>
              <td>{describe(entry)}</td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}
