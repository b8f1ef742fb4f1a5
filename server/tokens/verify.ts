import { createHmac, timingSafeEqual } from 'node:crypto';
import { isValidIdentity } from './identity.js';

export type TokenCheck =
  | { ok: true; identity: string; expiresAt: number }
  | { ok: false; reason: 'invalid' | 'expired'; message: string };

const invalid = (message: string): TokenCheck => ({ ok: false, reason: 'invalid', message });

function decodeJsonSegment(segment: string): Record<string, unknown> | null {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Verifies a Twilio access token as Twilio's gateway does, for the local gateway: an HS256 JWT signed with the API
 * key secret, unexpired (`exp`, `nbf`), with a voice grant and an identity. Implemented on node:crypto (jose is
 * ESM-only, which the CommonJS test runtime cannot load).
 */
export async function verifyVoiceToken(token: string, secret: string, now: () => number = Date.now): Promise<TokenCheck> {
  const parts = token.split('.');
  if (parts.length !== 3) return invalid('Access token is not a JWT');
  const [headerPart = '', payloadPart = '', signaturePart = ''] = parts;
  const header = decodeJsonSegment(headerPart);
  const payload = decodeJsonSegment(payloadPart);
  if (!header || !payload) return invalid('Access token is not a well-formed JWT');
  if (header['alg'] !== 'HS256') return invalid('Access token must be signed with HS256');

  const expected = createHmac('sha256', secret).update(`${headerPart}.${payloadPart}`).digest();
  const actual = /^[A-Za-z0-9_-]+$/.test(signaturePart) ? Buffer.from(signaturePart, 'base64url') : Buffer.alloc(0);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return invalid('Access token signature is invalid');

  const nowSeconds = now() / 1000;
  const { exp, nbf, grants } = payload;
  if (typeof exp !== 'number') return invalid('Access token has no expiry');
  if (typeof nbf === 'number' && nbf > nowSeconds + 60) return invalid('Access token is not valid yet');
  if (exp <= nowSeconds) return { ok: false, reason: 'expired', message: 'Access token expired' };
  const grantObject = typeof grants === 'object' && grants !== null ? (grants as Record<string, unknown>) : {};
  const identity = grantObject['identity'];
  if (!isValidIdentity(identity)) return invalid('Access token has no valid identity grant');
  if (typeof grantObject['voice'] !== 'object' || grantObject['voice'] === null) return invalid('Access token has no voice grant');
  return { ok: true, identity, expiresAt: exp * 1000 };
}
