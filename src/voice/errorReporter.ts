/**
 * The one writer of `lastError`: failures of SDK calls, SDK error events and our own checks are
 * turned into the published error here, and SDK calls are wrapped so a failure both shows up in
 * state and rejects the command with a SoftphoneError.
 */
import type { LastError } from '../contract/schema';
import { toLastError, toSoftphoneError, type ErrorContext } from './errors';
import type { StateStore } from './stateStore';

/** Where a failure happened; the time is added by the reporter. */
export type ReportContext = Omit<ErrorContext, 'at'>;

export interface SdkCallOptions {
  /** Which part of the softphone the SDK call belongs to (shown with the error). */
  source: LastError['source'];
  /** The call it concerns, if any. */
  callSid?: string;
  /** A failure blocks the softphone until fixed (e.g. registration). */
  blocking?: boolean;
}

/** Runs an SDK call, recording its failure in lastError and rejecting with a SoftphoneError. */
export type SdkRunner = <T>(action: () => T | Promise<T>, options: SdkCallOptions) => Promise<T>;

export class ErrorReporter {
  constructor(
    private readonly store: StateStore,
    private readonly now: () => number,
  ) {}

  set(lastError: LastError | null): void {
    this.store.update((s) => ({ ...s, lastError }));
  }

  report(error: unknown, context: ReportContext): void {
    this.set(toLastError(error, { ...context, at: this.now() }));
  }

  /** Clears the published error if it came from `source` (e.g. a registration error once registered). */
  clearFrom(source: LastError['source']): void {
    this.store.update((s) => (s.lastError?.source === source ? { ...s, lastError: null } : s));
  }

  readonly runSdk: SdkRunner = async (action, { source, callSid, blocking = false }) => {
    try {
      return await action();
    } catch (error) {
      this.report(error, { source, blocking, ...(callSid !== undefined && { callSid }) });
      throw toSoftphoneError(error, 'sdk_error', source);
    }
  };
}
