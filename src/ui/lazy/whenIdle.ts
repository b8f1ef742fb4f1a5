/** Work that should not compete with the first paint: prefetches of lazy chunks. */
type IdleGlobal = {
  requestIdleCallback?(callback: () => void, options?: { timeout: number }): number;
  cancelIdleCallback?(handle: number): void;
};

/** Soon, but after what the first paint needs: idle time (at most 2 s away), or the next task without idle callbacks. */
export function whenIdle(callback: () => void): () => void {
  const idle = globalThis as IdleGlobal;
  if (idle.requestIdleCallback) {
    const handle = idle.requestIdleCallback(callback, { timeout: 2_000 });
    return () => idle.cancelIdleCallback?.(handle);
  }
  const timer = setTimeout(callback, 0);
  return () => clearTimeout(timer);
}
