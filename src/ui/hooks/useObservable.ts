/**
 * Bridges an RxJS-style observable into React with `useSyncExternalStore`, so concurrent renders never
 * tear and unmounting always unsubscribes. Only `subscribe` is used (no `instanceof Observable`), so an
 * observable from another rxjs copy works too.
 */
import { useMemo, useSyncExternalStore } from 'react';

/** The minimal shape we need; rxjs `Observable` satisfies it. */
export interface Subscribable<T> {
  subscribe(observer: (value: T) => void): { unsubscribe(): void };
}

interface Store<T> {
  subscribe(onChange: () => void): () => void;
  getSnapshot(): T;
}

function createStore<T>(source: Subscribable<T>, initial: T): Store<T> {
  let latest = initial;
  return {
    subscribe(onChange) {
      const subscription = source.subscribe((value) => {
        latest = value;
        onChange();
      });
      return () => subscription.unsubscribe();
    },
    getSnapshot: () => latest,
  };
}

/**
 * The latest value of `source$`, or `initial` until it emits. Re-renders on every emission whose value
 * differs (`Object.is`) from the previous one. Keep `source$` referentially stable (useMemo) or the hook
 * resubscribes on every render.
 */
export function useObservable<T>(source$: Subscribable<T>, initial: T): T {
  // `initial` only seeds a new store; changing it later must not resubscribe.
  const store = useMemo(() => createStore(source$, initial), [source$]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
