import type { TokenCheck } from '../tokens/verify.js';
import type { TokenVerifier } from './gatewayTypes.js';

/** Enough for every socket of a busy gateway; the oldest entry goes first beyond it. */
const DEFAULT_MAX_ENTRIES = 20_000;

/**
 * Remembers accepted tokens by their exact string until they expire: a Device sends the same token on every
 * reconnect and every `updateToken()` before a refresh, and an HMAC check plus JWT decoding per `listen` is garbage
 * the gateway need not make again. The string includes the signature, so a changed token is a different key; only
 * accepted tokens are kept, and a kept one is verified again (and refused) once its `exp` has passed.
 */
export function cachingTokenVerifier(
  verify: TokenVerifier,
  opts: { maxEntries?: number; now?: () => number } = {},
): TokenVerifier {
  const maxEntries = opts.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const now = opts.now ?? Date.now;
  const accepted = new Map<string, { expiresAt: number; check: Promise<TokenCheck> }>();

  const remember = (token: string, check: TokenCheck): void => {
    if (!check.ok) return;
    if (accepted.size >= maxEntries) {
      const oldest = accepted.keys().next();
      if (!oldest.done) accepted.delete(oldest.value);
    }
    // The settled promise itself is kept, so a hit allocates nothing.
    accepted.set(token, { expiresAt: check.expiresAt, check: Promise.resolve(check) });
  };

  return (token) => {
    const hit = accepted.get(token);
    if (hit) {
      if (now() < hit.expiresAt) return hit.check;
      accepted.delete(token);
    }
    return verify(token).then((check) => {
      remember(token, check);
      return check;
    });
  };
}
