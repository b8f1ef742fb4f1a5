/**
 * Runs one service command on behalf of a control and keeps its outcome, so every failure is shown next
 * to the control that caused it (nothing fails silently).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { isSoftphoneError } from '../../contract/service';

/** Why a command failed: the contract's error code (rendered through the catalog) and the service's words. */
export interface ActionFailure {
  code: string | number | null;
  message: string;
}

export interface ActionHandle<A extends unknown[]> {
  /** Starts the action; resolves `true` on success, `false` when it failed (the failure is kept in `error`). */
  run: (...args: A) => Promise<boolean>;
  pending: boolean;
  /** The last failure, cleared by the next run. */
  error: ActionFailure | null;
  clearError: () => void;
}

export function failureOf(error: unknown): ActionFailure {
  if (isSoftphoneError(error)) return { code: error.code, message: error.message };
  return { code: null, message: error instanceof Error ? error.message : '' };
}

export function useAction<A extends unknown[]>(action: (...args: A) => Promise<unknown>): ActionHandle<A> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ActionFailure | null>(null);
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
      if (mounted.current) setError(failureOf(e));
      return false;
    } finally {
      if (mounted.current) setPending(false);
    }
  }, []);

  const clearError = useCallback(() => setError(null), []);
  return { run, pending, error, clearError };
}
