/**
 * The service's side of the token lifecycle: one refresher per service (created on first use), whose
 * tokens go to the live Device and into `state.device.tokenExpiresAt`, and whose failures become
 * transient `token_error`s while it retries.
 */
import type { ResolvedVoiceServiceConfig } from './config';
import type { CurrentDevice } from './currentDevice';
import type { ErrorReporter } from './errorReporter';
import { isResolvedByNewToken, tokenFailureError } from './errors';
import type { StateStore } from './stateStore';
import type { Timers } from './timers';
import type { TokenProvider } from './token';
import { createTokenRefresher, type FreshToken, type TokenRefresher } from './tokenRefresher';

export interface TokenSessionDeps {
  config: Pick<ResolvedVoiceServiceConfig, 'identity' | 'tokenRefreshMs' | 'tokenRetryBaseMs' | 'tokenRetryMaxMs'>;
  provider: TokenProvider;
  timers: Timers;
  now: () => number;
  random: () => number;
  device: CurrentDevice;
  store: StateStore;
  errors: ErrorReporter;
}

export class TokenSession {
  private refresher: TokenRefresher | null = null;

  constructor(private readonly deps: TokenSessionDeps) {}

  /** The first token; rejects only when the session is disposed meanwhile. */
  acquire(): Promise<FreshToken> {
    return this.ensureRefresher().acquire();
  }

  /** Called after a refreshed token reached the Device (the registration watchdog re-registers if needed). */
  onRefreshed: () => void = () => undefined;

  /** The gateway refused the token (invalid, expired, unknown key): fetch a new one, then back off. */
  onAuthFailure(): void {
    this.refresher?.onAuthFailure();
  }

  /** The gateway confirmed a registration with the current token. */
  onAuthConfirmed(): void {
    this.refresher?.onAuthConfirmed();
  }

  /** The Device's `tokenWillExpire`. */
  onTokenWillExpire(): void {
    this.refresher?.onTokenWillExpire();
  }

  dispose(): void {
    this.refresher?.dispose();
  }

  private ensureRefresher(): TokenRefresher {
    const { config, provider, timers, now, random, errors } = this.deps;
    this.refresher ??= createTokenRefresher({
      identity: config.identity,
      provider,
      timers,
      now,
      random,
      marginMs: config.tokenRefreshMs,
      retryBaseMs: config.tokenRetryBaseMs,
      retryMaxMs: config.tokenRetryMaxMs,
      onToken: (token, isRefresh) => this.applyToken(token, { isRefresh }),
      onFailure: (error, attempt, retryInMs) => errors.set(tokenFailureError(error, attempt, retryInMs, now())),
    });
    return this.refresher;
  }

  /** A refreshed token goes to the live Device; the first one was given to its constructor. */
  private applyToken(token: FreshToken, { isRefresh }: { isRefresh: boolean }): void {
    const device = this.deps.device.get();
    if (isRefresh && device && device.state !== 'destroyed') {
      try {
        device.updateToken(token.token);
      } catch (error) {
        this.deps.errors.report(error, { source: 'token' });
        return;
      }
    }
    // A refused token is replaced: the gateway authorizes the socket again on the listen updateToken sends.
    this.deps.device.registration.authRejected = false;
    // The new token also resolves an "expired" error from the gateway: without this the blocking 20104 stayed on
    // screen after the Device had recovered (the SDK emits no `registered` after updateToken). If the gateway
    // refuses the new token too, its next error is published again.
    this.deps.store.update((s) => ({
      ...s,
      device: { ...s.device, tokenExpiresAt: token.expiresAt },
      lastError: s.lastError?.source === 'token' || isResolvedByNewToken(s.lastError) ? null : s.lastError,
    }));
    this.deps.device.sync();
    if (isRefresh) this.onRefreshed();
  }
}
