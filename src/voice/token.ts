/**
 * Access tokens: where they come from (a `TokenProvider`) and when they expire (the JWT's `exp`,
 * decoded without verification: the gateway verifies, we only need to know when to refresh).
 */
import * as z from 'zod/mini';

export interface IssuedToken {
  identity: string;
  token: string;
  /** Lifetime in seconds as reported by the token server. */
  ttl: number;
}

export type TokenProvider = (identity: string) => Promise<IssuedToken>;

export const TokenResponseSchema = z.object({
  identity: z.string().check(z.minLength(1), z.maxLength(121)),
  token: z.string().check(z.minLength(1), z.maxLength(16_384)),
  ttl: z.number().check(z.positive(), z.maximum(86_400)),
});

export class TokenFetchError extends Error {
  override readonly name = 'TokenFetchError';
}

export type FetchLike = (
  input: string,
  init?: {
    method?: 'GET' | 'POST';
    headers?: Record<string, string>;
    credentials?: 'same-origin' | 'include' | 'omit';
    body?: string;
    signal?: AbortSignal;
  },
) => Promise<{
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}>;

/** How the fetch is made (parcel prop `tokenRequest`). */
export interface TokenRequestOptions {
  credentials?: 'same-origin' | 'include' | 'omit';
  headers?: Record<string, string>;
}

/** `GET {tokenUrl}?identity=...` answering `{ identity, token, ttl }`. */
export function createFetchTokenProvider(
  tokenUrl: string,
  fetchFn: FetchLike,
  baseUrl?: string,
  request: TokenRequestOptions = {},
): TokenProvider {
  return async (identity) => {
    const url = new URL(tokenUrl, baseUrl);
    url.searchParams.set('identity', identity);
    const response = await fetchFn(url.toString(), {
      headers: { ...request.headers, accept: 'application/json' },
      credentials: request.credentials ?? 'same-origin',
    });
    if (!response.ok) throw new TokenFetchError(`The token server answered HTTP ${response.status}.`);
    const parsed = TokenResponseSchema.safeParse(await response.json());
    if (!parsed.success) throw new TokenFetchError('The token server answered with an unexpected body.');
    if (parsed.data.identity !== identity) {
      throw new TokenFetchError(`The token server issued a token for "${parsed.data.identity}", not "${identity}".`);
    }
    return parsed.data;
  };
}

const HostTokenSchema = z.union([
  TokenResponseSchema.shape.token,
  z.object({ token: TokenResponseSchema.shape.token, ttl: z.optional(TokenResponseSchema.shape.ttl) }),
]);

/**
 * Tokens from the host's `getToken(identity)` (parcel prop): a string or `{ token, ttl? }`. Anything else, or
 * a token whose lifetime is unknown (no JWT `exp` and no `ttl`), is a TokenFetchError, i.e. a `token_error`.
 */
export function createHostTokenProvider(getToken: (identity: string) => Promise<unknown>): TokenProvider {
  return async (identity) => {
    const parsed = HostTokenSchema.safeParse(await getToken(identity));
    if (!parsed.success) throw new TokenFetchError('getToken resolved to neither a token string nor { token, ttl? }.');
    const { token, ttl } = typeof parsed.data === 'string' ? { token: parsed.data, ttl: undefined } : parsed.data;
    const expiresAt = decodeJwtExpiry(token);
    if (ttl === undefined && expiresAt === null) {
      throw new TokenFetchError('getToken gave a token without an exp claim and no ttl: its lifetime is unknown.');
    }
    return { identity, token, ttl: ttl ?? Math.max(1, Math.round(((expiresAt ?? 0) - Date.now()) / 1000)) };
  };
}

const JwtPayloadSchema = z.object({ exp: z.number() });

function decodeBase64Url(segment: string): string {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  // Percent-encoding each byte lets decodeURIComponent do the UTF-8 decoding (no TextDecoder needed).
  const percentEncoded = Array.from(atob(padded), (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
  return decodeURIComponent(percentEncoded);
}

/** The JWT's `exp` in epoch milliseconds, or null when the token is not a JWT with a numeric `exp`. */
export function decodeJwtExpiry(token: string): number | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const parsed = JwtPayloadSchema.safeParse(JSON.parse(decodeBase64Url(parts[1])));
    return parsed.success ? parsed.data.exp * 1000 : null;
  } catch {
    return null;
  }
}

/** When the token stops being valid: its `exp`, else issue time plus the server's ttl. */
export function tokenExpiresAt(issued: IssuedToken, now: number): number {
  return decodeJwtExpiry(issued.token) ?? now + issued.ttl * 1000;
}

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries from
 * many clients spread out but never collapse to zero.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}
