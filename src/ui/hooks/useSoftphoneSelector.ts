/**
 * Slice subscriptions to `SoftphoneService.state$`: a component re-renders only when the slice it
 * selects changes under `equality`, so (for example) a call update never re-renders the header.
 */
import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { SoftphoneState } from '../../contract/schema';
import type { SoftphoneService } from '../../contract/service';
import { useSoftphoneService } from '../ServiceContext';

export type Equality<T> = (a: T, b: T) => boolean;

interface Cached<T> {
  state: SoftphoneState;
  selector: (state: SoftphoneState) => T;
  value: T;
}

export function useSoftphoneSelector<T>(
  service: SoftphoneService,
  selector: (state: SoftphoneState) => T,
  equality: Equality<T> = Object.is,
): T {
  const cache = useRef<Cached<T> | null>(null);

  const subscribe = useCallback(
    (onChange: () => void) => {
      const subscription = service.state$.subscribe(() => onChange());
      return () => subscription.unsubscribe();
    },
    [service],
  );

  const getSnapshot = (): T => {
    const state = service.getState();
    const previous = cache.current;
    if (previous && previous.state === state && previous.selector === selector) return previous.value;
    const next = selector(state);
    // Returning the previous reference for an equal slice is what lets React skip the re-render.
    const value = previous && equality(previous.value, next) ? previous.value : next;
    cache.current = { state, selector, value };
    return value;
  };

  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

/** `useSoftphoneSelector` for the service provided by the nearest `SoftphoneApp`. */
export function useSoftphone<T>(selector: (state: SoftphoneState) => T, equality?: Equality<T>): T {
  return useSoftphoneSelector(useSoftphoneService(), selector, equality);
}
