/**
 * The built module's files as a host's browser fetches them, for the size budgets (test/build/sizeBudgets.test.ts)
 * and the bundle-size benchmark: the entry, the lazy chunks the entry names by content hash, which of them is the
 * Voice SDK's (loaded at the first Device start, not at mount), gzip sizes (level 9) and copies of zod.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const ENTRY = 'switchboard-softphone.js';

export type SizeBudget = 'entry' | 'atMount' | 'zodCopies';

/** Issue 18's goals: entry ≤ 10 KB gz, loaded at mount ≤ 110 KB gz, one copy of zod in all the module's chunks. */
export const SIZE_GOALS: Record<SizeBudget, number> = { entry: 10, atMount: 110, zodCopies: 1 };
const SDK_CHUNK = /^twilio-voice-sdk\.[0-9a-f]+\.js$/;
/** zod's core names each schema class once per copy: `$constructor("$ZodObject", …)`. */
const ZOD_COPY_SIGNATURE = '"$ZodObject"';

export interface ModuleFiles {
  entry: string;
  /** Lazy chunks loaded when the parcel mounts (UI, service, vendor): everything but the SDK's. */
  atMount: string[];
  sdk: string[];
}

/** The module's lazy chunks, read from the entry's webpack chunk-id → file-name tables. */
export function moduleFiles(dist: string): ModuleFiles {
  const entrySource = readFileSync(path.join(dist, ENTRY), 'utf8');
  const lazy = readdirSync(dist).filter((file) => {
    const hashed = /^(.+)\.([0-9a-f]{8})\.js$/.exec(file);
    return hashed !== null && entrySource.includes(`"${hashed[2]}"`);
  });
  return { entry: ENTRY, atMount: lazy.filter((f) => !SDK_CHUNK.test(f)), sdk: lazy.filter((f) => SDK_CHUNK.test(f)) };
}

/** Gzip -9 size in KB (1,024 bytes) of the files together (each compressed on its own, as served). */
export function gzipKb(dist: string, files: readonly string[]): number {
  return files.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(dist, f)), { level: 9 }).length, 0) / 1024;
}

/** How many copies of zod's core the files hold, in all, and which file holds how many. */
export function zodCopies(dist: string, files: readonly string[]): { total: number; byFile: Record<string, number> } {
  const byFile: Record<string, number> = {};
  for (const file of files) {
    const count = readFileSync(path.join(dist, file), 'utf8').split(ZOD_COPY_SIGNATURE).length - 1;
    if (count > 0) byFile[file] = count;
  }
  return { total: Object.values(byFile).reduce((a, b) => a + b, 0), byFile };
}
