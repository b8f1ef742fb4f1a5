/**
 * One value per distinct content of its options for the whole page: every mount whose options have the same content
 * gets the same object. The theme uses it, so MUI's per-theme style memos (`memoTheme`) and colour computations carry
 * over from one mount to the next instead of being redone on each.
 */
import { useMemo } from 'react';

/**
 * A key that identifies `options` by content, or null when they hold anything JSON cannot tell apart (functions,
 * class instances, symbols, undefined members): such options get a value of their own, never another's.
 */
export function contentKey(options: unknown): string | null {
  let plain = true;
  const key = JSON.stringify(options ?? null, function (this: Record<string, unknown>, name: string, value: unknown) {
    const raw = this[name]; // before toJSON (a Date would arrive as a string)
    const kind = typeof raw;
    if (kind === 'function' || kind === 'symbol' || kind === 'bigint' || kind === 'undefined') plain = false;
    else if (kind === 'object' && raw !== null && !Array.isArray(raw)) {
      const prototype = Object.getPrototypeOf(raw) as unknown;
      if (prototype !== Object.prototype && prototype !== null) plain = false;
    }
    return value;
  });
  return plain ? key : null;
}

/** Hosts use a handful of themes (light, dark, a brand): a few entries per cache, the least recently used dropped. */
const CACHE_SIZE = 8;

export interface ContentCache<O, V> {
  get(options: O): V;
}

export function contentCache<O, V>(build: (options: O) => V, size = CACHE_SIZE): ContentCache<O, V> {
  const byKey = new Map<string, V>();
  return {
    get(options) {
      const key = contentKey(options);
      if (key === null) return build(options);
      let value = byKey.get(key);
      if (value === undefined) {
        value = build(options);
        if (byKey.size >= size) byKey.delete(byKey.keys().next().value as string);
      } else {
        byKey.delete(key); // re-inserted below: most recently used last
      }
      byKey.set(key, value);
      return value;
    },
  };
}

/** `cache.get(options)`, looked up again only when the options object changes. */
export function useSharedByContent<O, V>(cache: ContentCache<O, V>, options: O): V {
  return useMemo(() => cache.get(options), [cache, options]);
}
