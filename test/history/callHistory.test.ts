/**
 * @jest-environment node
 *
 * The persisted history over fake-indexeddb: newest first, bounded per identity, cleared per identity, and each
 * change reaches the view of every CallHistory of that identity.
 */
import 'fake-indexeddb/auto';
import { firstValueFrom, filter, skip } from 'rxjs';
import { MAX_HISTORY_ENTRIES, type HistoryEntry } from '../../src/contract/history';
import { CallHistory } from '../../src/history/callHistory';

function entry(n: number, overrides: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id: `CA${n}`,
    twilioCallSid: null,
    direction: n % 2 ? 'incoming' : 'outgoing',
    peer: `client:peer${n}`,
    startedAt: n * 1000,
    answeredAt: null,
    endedAt: n * 1000 + 500,
    durationMs: 0,
    endReason: 'canceled',
    missed: n % 2 === 1,
    ...overrides,
  };
}

const open: CallHistory[] = [];
function historyOf(identity: string): CallHistory {
  const history = new CallHistory(identity);
  history.start();
  open.push(history);
  return history;
}
afterEach(() => open.splice(0).forEach((h) => h.close()));

describe('CallHistory', () => {
  it('keeps the newest 500 of 600 calls, newest first', async () => {
    const history = historyOf('bound');
    for (let n = 1; n <= 600; n += 1) await history.add(entry(n));
    const all = await history.list(MAX_HISTORY_ENTRIES);
    expect(all).toHaveLength(500);
    expect(all[0]).toEqual(entry(600));
    expect(all[499]).toEqual(entry(101));
    expect(await history.list(1000)).toHaveLength(500);
  }, 90_000); // 600 IndexedDB transactions in fake-indexeddb

  it('lists as many as asked, and one identity never sees another one’s calls', async () => {
    const alice = historyOf('alice-list');
    const bob = historyOf('bob-list');
    await alice.add(entry(1));
    await alice.add(entry(3));
    await bob.add(entry(2));
    expect((await alice.list(1)).map((c) => c.id)).toEqual(['CA3']);
    expect((await alice.list()).map((c) => c.id)).toEqual(['CA3', 'CA1']);
    expect((await bob.list()).map((c) => c.id)).toEqual(['CA2']);
  });

  it('writing the same call twice keeps one entry', async () => {
    const history = historyOf('same');
    await history.add(entry(1));
    await history.add(entry(1, { endReason: 'remote-hangup' }));
    expect(await history.list()).toEqual([entry(1, { endReason: 'remote-hangup' })]);
  });

  it('clears one identity only', async () => {
    const alice = historyOf('alice-clear');
    const bob = historyOf('bob-clear');
    await alice.add(entry(1));
    await bob.add(entry(2));
    await alice.clear();
    expect(await alice.list()).toEqual([]);
    expect(await bob.list()).toHaveLength(1);
  });

  it('publishes the newest calls to its view after each change', async () => {
    const history = historyOf('view');
    await history.add(entry(5));
    const seen = await firstValueFrom(history.entries$.pipe(filter((calls) => calls.length === 1)));
    expect(seen).toEqual([entry(5)]);
    await history.clear();
    expect(await firstValueFrom(history.entries$.pipe(filter((calls) => calls.length === 0)))).toEqual([]);
  });
});

describe('CallHistory before start()', () => {
  it('reads its view only once started, and a change made before that still reaches the other views', async () => {
    const other = historyOf('early');
    await firstValueFrom(other.entries$.pipe(skip(1))); // its first read is done: only an announcement updates it
    const early = new CallHistory('early');
    open.push(early);
    await early.add(entry(7));
    expect(await firstValueFrom(other.entries$.pipe(filter((calls) => calls.length === 1)))).toEqual([entry(7)]);
    expect(await firstValueFrom(early.entries$)).toEqual([]);
    early.start();
    expect(await firstValueFrom(early.entries$.pipe(filter((calls) => calls.length === 1)))).toEqual([entry(7)]);
  });
});

describe('CallHistory reading what another page wrote', () => {
  it('skips records this version cannot read', async () => {
    const history = historyOf('garbage');
    await history.add(entry(1));
    const { openDatabase } = await import('../../src/history/database');
    const db = await openDatabase();
    await db.put('calls', { identity: 'garbage', id: 'CAbad', endedAt: 99_999 } as never);
    expect((await history.list()).map((c) => c.id)).toEqual(['CA1']);
  });
});
