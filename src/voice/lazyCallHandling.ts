/**
 * The call handling (callHandling.ts: call commands, call control, the call-waiting tone) as a lazy chunk: the
 * first command loads it, or an idle moment once the Device has registered (a prefetch, so the first call does not
 * wait for it). Commands that arrive before it is there wait for it and then run in arrival order; once loaded,
 * they run at once, as before. If the chunk cannot be loaded, the waiting commands fail with `upstream_failed`
 * and the next command tries the import again.
 */
import type { CallLike } from './sdkTypes';
import { SoftphoneError } from '../contract/service';
import type { CallHandling, CallHandlingContext } from './callHandling';
import type { Timers } from './timers';

export type CallHandlingModule = typeof import('./callHandling');
export type LoadCallHandling = () => Promise<CallHandlingModule>;

export const loadCallHandlingChunk: LoadCallHandling = () =>
  import(/* webpackChunkName: "call-handling" */ './callHandling');

interface Waiting {
  run(parts: CallHandling): void;
  fail(error: SoftphoneError): void;
}

type IdleGlobal = {
  requestIdleCallback?(callback: () => void, options?: { timeout: number }): number;
  cancelIdleCallback?(handle: number): void;
};

/** How long an idle prefetch may wait for the page to be idle. */
export const PREFETCH_IDLE_TIMEOUT_MS = 2_000;

export function chunkLoadError(): SoftphoneError {
  return new SoftphoneError('upstream_failed', 'The softphone could not load its call handling; try again.');
}

export class LazyCallHandling {
  private parts: CallHandling | null = null;
  private loading: Promise<void> | null = null;
  private readonly waiting: Waiting[] = [];
  private draining = false;
  private disposed = false;
  private prefetchScheduled = false;
  /** Cancels the scheduled prefetch (the idle callback or its timer fallback). */
  private cancelPrefetch: (() => void) | null = null;

  constructor(
    private readonly context: CallHandlingContext,
    private readonly load: LoadCallHandling,
    private readonly timers: Timers,
  ) {}

  get loaded(): boolean {
    return this.parts !== null;
  }

  /** Runs `command` with the call handling: now when it is loaded and nothing waits, else once it is, in order. */
  use<T>(command: (parts: CallHandling) => Promise<T>): Promise<T> {
    const { parts } = this;
    if (parts && !this.draining && this.waiting.length === 0) return command(parts);
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({
        run: (loaded) => {
          try {
            resolve(command(loaded));
          } catch (error) {
            reject(error);
          }
        },
        fail: reject,
      });
      this.start();
    });
  }

  /** An incoming call the call handling waits for (a line's call-back); none can before it is loaded. */
  claimCallback(call: CallLike): boolean {
    return this.parts?.callbacks.claim(call) ?? false;
  }

  /** Loads the chunk when the page is next idle (once); a failure is left for the next command to retry. */
  prefetchWhenIdle(): void {
    if (this.prefetchScheduled || this.parts || this.disposed) return;
    this.prefetchScheduled = true;
    const prefetch = (): void => {
      this.cancelPrefetch = null;
      if (!this.disposed) this.start();
    };
    const page = globalThis as IdleGlobal;
    if (typeof page.requestIdleCallback === 'function' && typeof page.cancelIdleCallback === 'function') {
      const handle = page.requestIdleCallback(prefetch, { timeout: PREFETCH_IDLE_TIMEOUT_MS });
      this.cancelPrefetch = () => page.cancelIdleCallback?.(handle);
    } else {
      const timer = this.timers.setTimeout(prefetch, 0);
      this.cancelPrefetch = () => this.timers.clearTimeout(timer);
    }
  }

  /** Shutdown: disposes the loaded parts; parts that load later are disposed as soon as they are built. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.stopPrefetch();
    this.parts?.dispose();
  }

  private stopPrefetch(): void {
    this.cancelPrefetch?.();
    this.cancelPrefetch = null;
  }

  private start(): void {
    this.stopPrefetch(); // a command got here first: no prefetch needed
    this.loading ??= this.load().then(
      (module) => this.ready(module),
      () => this.failed(),
    );
  }

  private ready(module: CallHandlingModule): void {
    try {
      this.parts = module.createCallHandling(this.context);
    } catch {
      return this.failed();
    }
    // Commands queued before shutdown still run: they answer as they would have (the service is shut down).
    if (this.disposed) this.parts.dispose();
    this.drain(this.parts);
  }

  private failed(): void {
    this.loading = null; // the next command retries the import
    const waiting = this.waiting.splice(0);
    for (const entry of waiting) entry.fail(chunkLoadError());
  }

  /** What arrives while draining (a command may publish state, and a listener send the next) queues behind. */
  private drain(parts: CallHandling): void {
    this.draining = true;
    try {
      for (let next = this.waiting.shift(); next; next = this.waiting.shift()) next.run(parts);
    } finally {
      this.draining = false;
    }
  }
}
