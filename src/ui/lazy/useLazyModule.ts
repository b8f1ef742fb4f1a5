/** Renders a lazy module's components: synchronously once loaded, else starts the load and re-renders when it settles. */
import { useCallback, useEffect, useState } from 'react';
import type { LazyModule } from './lazyModule';

export type LazyModuleView<T> =
  { kind: 'loaded'; module: T } | { kind: 'loading' } | { kind: 'failed'; reason: string; retry: () => void };

export function useLazyModule<T>(lazy: LazyModule<T>): LazyModuleView<T> {
  const [failure, setFailure] = useState<string | null>(null);
  const [, setSettled] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const module = lazy.loaded();
  useEffect(() => {
    if (module) return undefined;
    let live = true;
    const unsubscribe = lazy.subscribe(() => live && setSettled((n) => n + 1));
    lazy.load().then(
      () => live && setFailure(null),
      (error: unknown) => live && setFailure(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
      unsubscribe();
    };
  }, [lazy, module, attempt]);
  const retry = useCallback(() => {
    setFailure(null);
    setAttempt((n) => n + 1);
  }, []);
  if (module) return { kind: 'loaded', module };
  return failure === null ? { kind: 'loading' } : { kind: 'failed', reason: failure, retry };
}
