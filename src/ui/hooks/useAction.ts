/**
 * Runs one service command on behalf of a control and keeps its outcome, so every failure is shown next
 * to the control that caused it (nothing fails silently).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { isSoftphoneError } from '../../contract/service';

export interface ActionHandle<A extends unknown[]> {
  /** Starts the action; resolves `true` on success, `false` when it failed (the error is kept in `error`). */
  run: (...args: A) => Promise<boolean>;
  pending: boolean;
  /** Readable message of the last failure, cleared by the next run. */
  error: string | null;
  clearError: () => void;
}

export function errorMessage(error: unknown): string {
  if (isSoftphoneError(error)) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'The softphone could not complete that action.';
}

export function useAction<A extends unknown[]>(action: (...args: A) => Promise<unknown>): ActionHandle<A> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mounted = useRef(true);
  const latestAction = useRef(action);
  latestAction.current = action;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(async (...args: A): Promise<boolean> => {
    setPending(true);
    setError(null);
    try {
      await latestAction.current(...args);
      return true;
    } catch (e) {
      if (mounted.current) setError(errorMessage(e));
      return false;
    } finally {
      if (mounted.current) setPending(false);
    }
  }, []);

  const clearError = useCallback(() => setError(null), []);
  return { run, pending, error, clearError };
}
