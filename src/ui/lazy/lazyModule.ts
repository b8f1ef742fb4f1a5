/**
 * A module loaded on demand (a dynamic import, i.e. a lazy chunk) that components can render synchronously once it
 * is there. Unlike React.lazy, a failed load is not kept: the next `load()` imports again (a dropped connection or a
 * redeploy must not leave the screen broken for the page's life), and subscribers hear of every outcome.
 */
export interface LazyModule<T> {
  /** The module once loaded, else null. */
  loaded(): T | null;
  /** Starts the import, or joins the one under way. Rejects when it fails; a later call tries again. */
  load(): Promise<T>;
  /** Called after each load settles (loaded or failed). Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

export function lazyModule<T>(importModule: () => Promise<T>): LazyModule<T> {
  let module: T | null = null;
  let loading: Promise<T> | null = null;
  const listeners = new Set<() => void>();
  const settle = (): void => {
    for (const listener of [...listeners]) listener();
  };
  return {
    loaded: () => module,
    load() {
      if (module) return Promise.resolve(module);
      loading ??= importModule().then(
        (value) => {
          module = value;
          loading = null;
          settle();
          return value;
        },
        (error: unknown) => {
          loading = null;
          settle();
          throw error;
        },
      );
      return loading;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
