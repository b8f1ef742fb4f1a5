/**
 * How the fake service runs a command: records the call, rejects with a queued failure (`failNext`), or runs the
 * command in the fake's mode. Its clock and ids live here too, so states and events are deterministic.
 */
import type { SoftphoneError } from '../service';
import type { AsyncCommandName, CommandName } from './commandNames';

export interface Invocation {
  method: CommandName;
  args: unknown[];
}

export abstract class FakeCommandRunner {
  readonly invocations: Invocation[] = [];
  /** Controlled time, so states and events are deterministic. */
  now = 1_700_000_000_000;

  private readonly failures = new Map<AsyncCommandName, SoftphoneError[]>();
  private sequence = 0;

  constructor(protected readonly mode: 'contract' | 'record') {}

  /** The next call of `method` rejects with `error` and does nothing else (several queue up in order). */
  failNext(method: AsyncCommandName, error: SoftphoneError): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), error]);
  }

  /**
   * Records the call, then rejects with a queued failure, or runs the command in the current mode. Synchronous on
   * purpose: the `async` command methods then settle exactly when the real service's immediate answers do.
   */
  protected run(method: AsyncCommandName, args: unknown[], contract: () => void): void;
  protected run<T>(method: AsyncCommandName, args: unknown[], contract: () => T, recorded: () => T): T;
  protected run<T>(method: AsyncCommandName, args: unknown[], contract: () => T, recorded?: () => T): T | undefined {
    this.invocations.push({ method, args });
    const failure = this.failures.get(method)?.shift();
    if (failure) throw failure;
    if (this.mode === 'contract') return contract();
    return recorded?.();
  }

  protected nextId(): string {
    this.sequence += 1;
    return this.sequence.toString().padStart(4, '0');
  }
}
