/**
 * Keeps one identity's access token fresh. A refresh starts on whichever comes first: the SDK's
 * `tokenWillExpire` (which may fire only once per signaling connection, twilio-voice.js#93), our own
 * timer (see `refreshDelay`), or an authentication failure reported by the gateway. Failed fetches
 * retry with exponential backoff and jitter; every failure and the recovery are reported to the owner.
 */
import type { Timers } from './timers';
import { backoffDelay, tokenExpiresAt, type IssuedToken, type TokenProvider } from './token';

export interface FreshToken extends IssuedToken {
  /** Epoch ms. */
  expiresAt: number;
}

export interface TokenRefresherOptions {
  identity: string;
  provider: TokenProvider;
  timers: Timers;
  now: () => number;
  random: () => number;
  marginMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** A new token is ready (the first one from `acquire`, later ones from refreshes). */
  onToken: (token: FreshToken, isRefresh: boolean) => void;
  onFailure: (error: unknown, attempt: number, retryInMs: number) => void;
}

export class TokenRefresherDisposedError extends Error {
  override readonly name = 'TokenRefresherDisposedError';
}

export interface TokenRefresher {
  /** Fetches the first token, retrying until it succeeds or the refresher is disposed. */
  acquire(): Promise<FreshToken>;
  /** The SDK said the token will expire soon. Ignored while the current token is still young. */
  onTokenWillExpire(): void;
  /**
   * The gateway refused the token (invalid, expired, unknown signing key). The first failure fetches a
   * new token at once; further ones in a row wait a backoff with jitter, so a gateway that refuses every
   * token is not hammered.
   */
  onAuthFailure(): void;
  /** The gateway accepted the current token (a registration was confirmed): auth failures start over. */
  onAuthConfirmed(): void;
  /** Timers the refresher currently holds (for leak tests and diagnostics). */
  readonly pendingTimers: number;
  dispose(): void;
}

/** Never refresh sooner than this after a token arrives, whatever the TTL and margin say. */
export const MIN_REFRESH_DELAY_MS = 5_000;
/** ...unless that would leave less than this before the token expires (very short TTLs). */
const MIN_SLACK_MS = 2_000;

/**
 * When to refresh a token with `lifetimeMs` left: `max(ttl − margin, ttl / 2, 5 s)`, i.e. `margin` before it
 * expires, but never before half its lifetime nor within 5 s. With a TTL at or below the margin the old rule
 * gave 0 ms: a refresh storm. The 5 s floor yields to very short TTLs (< 7 s), where it would leave the fetch
 * less than 2 s before the gateway expires the token.
 */
export function refreshDelay(lifetimeMs: number, marginMs: number): number {
  const floor = Math.min(MIN_REFRESH_DELAY_MS, lifetimeMs - MIN_SLACK_MS);
  return Math.max(lifetimeMs - marginMs, lifetimeMs / 2, floor);
}

const disposedError = (): TokenRefresherDisposedError => new TokenRefresherDisposedError('token refresher disposed');

class Refresher implements TokenRefresher {
  private current: { issuedAt: number; expiresAt: number } | null = null;
  private refreshTimer: unknown = null;
  private retryTimer: unknown = null;
  private inFlight: Promise<FreshToken> | null = null;
  private disposed = false;
  private rejectRetryWait: ((error: Error) => void) | null = null;
  private authFailures = 0;

  constructor(private readonly options: TokenRefresherOptions) {}

  acquire(): Promise<FreshToken> {
    return this.disposed ? Promise.reject(disposedError()) : this.run(false);
  }

  onTokenWillExpire(): void {
    if (!this.current || this.inFlight) return;
    // A freshly applied token makes the event stale: it was armed for the token we replaced.
    const { issuedAt, expiresAt } = this.current;
    if (this.options.now() - issuedAt < (expiresAt - issuedAt) / 2) return;
    this.refresh();
  }

  onAuthFailure(): void {
    if (this.disposed || this.inFlight) return;
    this.authFailures++;
    if (this.authFailures === 1) {
      this.refresh();
      return;
    }
    const { retryBaseMs, retryMaxMs, random } = this.options;
    this.scheduleRefresh(backoffDelay(this.authFailures - 1, retryBaseMs, retryMaxMs, random));
  }

  onAuthConfirmed(): void {
    this.authFailures = 0;
  }

  get pendingTimers(): number {
    return (this.refreshTimer !== null ? 1 : 0) + (this.retryTimer !== null ? 1 : 0);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clearRefreshTimer();
    if (this.retryTimer !== null) this.options.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.rejectRetryWait?.(disposedError());
    this.rejectRetryWait = null;
  }

  private clearRefreshTimer(): void {
    if (this.refreshTimer !== null) this.options.timers.clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
  }

  private scheduleRefresh(delayMs: number): void {
    this.clearRefreshTimer();
    this.refreshTimer = this.options.timers.setTimeout(() => {
      this.refreshTimer = null;
      this.refresh();
    }, delayMs);
  }

  private waitForRetry(ms: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.rejectRetryWait = reject;
      this.retryTimer = this.options.timers.setTimeout(() => {
        this.retryTimer = null;
        this.rejectRetryWait = null;
        resolve();
      }, ms);
    });
  }

  /** One fetch with retries; concurrent triggers share it. */
  private async fetchWithRetry(): Promise<FreshToken> {
    const { provider, identity, now, retryBaseMs, retryMaxMs, random } = this.options;
    for (let attempt = 1; ; attempt++) {
      try {
        const issued = await provider(identity);
        if (this.disposed) throw disposedError();
        return { ...issued, expiresAt: tokenExpiresAt(issued, now()) };
      } catch (error) {
        if (this.disposed) throw disposedError();
        const delay = backoffDelay(attempt, retryBaseMs, retryMaxMs, random);
        this.options.onFailure(error, attempt, delay);
        await this.waitForRetry(delay);
      }
    }
  }

  private accept(token: FreshToken, isRefresh: boolean): FreshToken {
    const issuedAt = this.options.now();
    this.current = { issuedAt, expiresAt: token.expiresAt };
    this.scheduleRefresh(refreshDelay(token.expiresAt - issuedAt, this.options.marginMs));
    this.options.onToken(token, isRefresh);
    return token;
  }

  private run(isRefresh: boolean): Promise<FreshToken> {
    if (this.inFlight) return this.inFlight;
    this.clearRefreshTimer();
    this.inFlight = this.fetchWithRetry()
      .then((token) => this.accept(token, isRefresh))
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }

  private refresh(): void {
    if (this.disposed) return;
    // Failures are reported through onFailure; a disposal rejection needs no handling.
    this.run(true).catch(() => undefined);
  }
}

export function createTokenRefresher(options: TokenRefresherOptions): TokenRefresher {
  return new Refresher(options);
}
