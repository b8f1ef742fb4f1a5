/**
 * The softphone's IndexedDB database (through `idb`): finished calls per identity, bounded, and each identity's
 * saved audio choices. Shared by every tab of the origin.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { HistoryEntry } from '../contract/history';

export const DATABASE_NAME = 'switchboard-softphone';
const VERSION = 1;

export interface StoredCall extends HistoryEntry {
  identity: string;
}

export interface SavedAudioChoices {
  identity: string;
  input: string | null;
  outputs: string[];
  ringtoneOutputs: string[];
}

export interface SoftphoneDB extends DBSchema {
  calls: { key: [string, string]; value: StoredCall; indexes: { byEnd: [string, number] } };
  settings: { key: string; value: SavedAudioChoices };
}

export type Database = IDBPDatabase<SoftphoneDB>;

let opening: Promise<Database> | null = null;

/** One connection per page, opened on first use (a failed open is retried on the next use). */
export function openDatabase(): Promise<Database> {
  opening ??= openDB<SoftphoneDB>(DATABASE_NAME, VERSION, {
    upgrade(db) {
      const calls = db.createObjectStore('calls', { keyPath: ['identity', 'id'] });
      calls.createIndex('byEnd', ['identity', 'endedAt']);
      db.createObjectStore('settings', { keyPath: 'identity' });
    },
    // Another tab upgrades the schema: let it, and reopen on the next use.
    blocking() {
      void opening?.then((db) => db.close());
      opening = null;
    },
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}
