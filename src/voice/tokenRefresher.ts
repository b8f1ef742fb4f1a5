/**
 * Keeps one identity's access token fresh. A refresh starts on whichever comes first: the SDK's
 * `tokenWillExpire` (which may fire only once per signaling connection, twilio-voice.js#93) or our
 * own timer set `marginMs` before the JWT's `exp`. Failed fetches retry with exponential backoff and
 * jitter; every failure and the recovery are reported to the owner.
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
  /** The token was rejected as expired: refresh now. */
  refreshNow(): void;
  /** Timers the refresher currently holds (for leak tests and diagnostics). */
  readonly pendingTimers: number;
  dispose(): void;
}

export function createTokenRefresher(options: TokenRefresherOptions): TokenRefresher {
  const { timers, now } = options;
  let current: { issuedAt: number; expiresAt: number } | null = null;
  let refreshTimer: unknown = null;
  let retryTimer: unknown = null;
  let inFlight: Promise<FreshToken> | null = null;
  let disposed = false;
  let rejectRetryWait: ((error: Error) => void) | null = null;

  const clearRefreshTimer = (): void => {
    if (refreshTimer !== null) timers.clearTimeout(refreshTimer);
    refreshTimer = null;
  };

  const waitForRetry = (ms: number): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      rejectRetryWait = reject;
      retryTimer = timers.setTimeout(() => {
        retryTimer = null;
        rejectRetryWait = null;
        resolve();
      }, ms);
    });

  /** One fetch with retries; concurrent triggers share it. */
  const fetchWithRetry = async (): Promise<FreshToken> => {
    for (let attempt = 1; ; attempt++) {
      try {
        const issued = await options.provider(options.identity);
        if (disposed) throw new TokenRefresherDisposedError('token refresher disposed');
        return { ...issued, expiresAt: tokenExpiresAt(issued, now()) };
      } catch (error) {
        if (disposed) throw new TokenRefresherDisposedError('token refresher disposed');
        const delay = backoffDelay(attempt, options.retryBaseMs, options.retryMaxMs, options.random);
        options.onFailure(error, attempt, delay);
        await waitForRetry(delay);
      }
    }
  };

  const schedule = (expiresAt: number): void => {
    clearRefreshTimer();
    const delay = Math.max(0, expiresAt - options.marginMs - now());
    refreshTimer = timers.setTimeout(() => {
      refreshTimer = null;
      refresh(true);
    }, delay);
  };

  const accept = (token: FreshToken, isRefresh: boolean): FreshToken => {
    current = { issuedAt: now(), expiresAt: token.expiresAt };
    schedule(token.expiresAt);
    options.onToken(token, isRefresh);
    return token;
  };

  const run = (isRefresh: boolean): Promise<FreshToken> => {
    if (inFlight) return inFlight;
    clearRefreshTimer();
    inFlight = fetchWithRetry()
      .then((token) => accept(token, isRefresh))
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };

  function refresh(isRefresh: boolean): void {
    if (disposed) return;
    // Failures are reported through onFailure; a disposal rejection needs no handling.
    run(isRefresh).catch(() => undefined);
  }

  return {
    acquire: () =>
      disposed ? Promise.reject(new TokenRefresherDisposedError('token refresher disposed')) : run(false),
    onTokenWillExpire() {
      if (!current || inFlight) return;
      // A freshly applied token makes the event stale: it was armed for the token we replaced.
      const age = now() - current.issuedAt;
      if (age < (current.expiresAt - current.issuedAt) / 2) return;
      refresh(true);
    },
    refreshNow: () => refresh(true),
    get pendingTimers() {
      return (refreshTimer !== null ? 1 : 0) + (retryTimer !== null ? 1 : 0);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      clearRefreshTimer();
      if (retryTimer !== null) timers.clearTimeout(retryTimer);
      retryTimer = null;
      rejectRetryWait?.(new TokenRefresherDisposedError('token refresher disposed'));
      rejectRetryWait = null;
    },
  };
}
