/**
 * The built module's files as a host's browser fetches them, for the size budgets (test/build/sizeBudgets.test.ts)
 * and the bundle-size benchmark: the entry; the lazy chunks a mount fetches (the groups in AT_MOUNT_GROUPS, with the
 * split chunks they share, as the build's module-chunks.json lists them); the Voice SDK's (loaded at the first
 * Device start); the rest (loaded on demand, e.g. the contract schemas; among them the idle prefetches, fetched when
 * the browser is idle after mount); gzip sizes (level 9) and copies of zod.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const ENTRY = 'switchboard-softphone.js';

export type SizeBudget = 'entry' | 'atMount' | 'zodCopies';

/** Issue 18's goals: entry ≤ 10 KB gz, loaded at mount ≤ 110 KB gz, one copy of zod in all the module's chunks. */
export const SIZE_GOALS: Record<SizeBudget, number> = { entry: 10, atMount: 110, zodCopies: 1 };
/** The manifest of the build's lazy chunk groups (webpack.config.js, ChunkGroupsManifestPlugin). */
export const CHUNK_GROUPS_MANIFEST = 'module-chunks.json';
/**
 * What a mount loads besides the entry: the UI and service (parcel/runtimeLoader.ts) and, as soon as a bus client
 * exists (the page's siblings), its validators (bus/lazyValidators.ts).
 */
export const AT_MOUNT_GROUPS = ['softphone-ui', 'bus-validators'] as const;
const SDK_GROUP = 'twilio-voice-sdk';
/**
 * Fetched when the browser is idle after mount, not to mount: the phone-number metadata (the dial pad's, see
 * ui/hooks/usePhoneNumbers.ts), the call screens (ui/components/LazyCallScreens.tsx), the buttons' press ripple
 * (ui/components/LazyTouchRipple.tsx) and, once the Device has registered, the call commands and call control
 * (voice/lazyCallHandling.ts). Not counted at mount.
 */
export const IDLE_PREFETCH_GROUPS = ['phone-numbers', 'softphone-calls', 'mui-ripple', 'call-handling'] as const;
/** zod's core names each schema class once per copy: `$constructor("$ZodObject", …)`. */
const ZOD_COPY_SIGNATURE = '"$ZodObject"';

export interface ModuleFiles {
  entry: string;
  /** Lazy chunks fetched when the parcel mounts (UI, service, vendor, the bus client's validators). */
  atMount: string[];
  /** The Voice SDK's chunk(s), fetched at the first Device start. */
  sdk: string[];
  /** Every other lazy chunk, fetched only when a feature needs it (e.g. loadContractSchemas()) or when idle. */
  deferred: string[];
  /** The deferred chunks of IDLE_PREFETCH_GROUPS: a mount fetches them once the browser is idle. */
  idlePrefetch: string[];
}

/** The build's lazy chunk groups, by name, with the files each one loads (module-chunks.json). */
export function chunkGroups(dist: string): Record<string, string[]> {
  return JSON.parse(readFileSync(path.join(dist, CHUNK_GROUPS_MANIFEST), 'utf8')) as Record<string, string[]>;
}

/** The sources a built chunk is made of, by its source map. */
export function chunkSources(dist: string, file: string): string[] {
  return (JSON.parse(readFileSync(path.join(dist, `${file}.map`), 'utf8')) as { sources: string[] }).sources;
}

/** The module's lazy chunks by when they load, from module-chunks.json; each must be one the entry can load. */
export function moduleFiles(dist: string): ModuleFiles {
  const entrySource = readFileSync(path.join(dist, ENTRY), 'utf8');
  const lazy = readdirSync(dist).filter((file) => {
    const hashed = /^(.+)\.([0-9a-f]{8})\.js$/.exec(file);
    return hashed !== null && entrySource.includes(`"${hashed[2]}"`);
  });
  const groups = chunkGroups(dist);
  const filesOf = (names: readonly string[]): string[] => [...new Set(names.flatMap((name) => groups[name] ?? []))];
  for (const name of [...AT_MOUNT_GROUPS, SDK_GROUP, ...IDLE_PREFETCH_GROUPS])
    if (!groups[name]) throw new Error(`${CHUNK_GROUPS_MANIFEST} names no chunk group "${name}"`);
  const unknown = Object.values(groups)
    .flat()
    .filter((file) => !lazy.includes(file));
  if (unknown.length > 0) throw new Error(`${CHUNK_GROUPS_MANIFEST} lists chunks the entry cannot load: ${unknown}`);
  const atMount = filesOf(AT_MOUNT_GROUPS).sort();
  const sdk = filesOf([SDK_GROUP]).filter((file) => !atMount.includes(file));
  const deferred = lazy.filter((file) => !atMount.includes(file) && !sdk.includes(file)).sort();
  const idlePrefetch = filesOf(IDLE_PREFETCH_GROUPS)
    .filter((file) => deferred.includes(file))
    .sort();
  return { entry: ENTRY, atMount, sdk, deferred, idlePrefetch };
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
