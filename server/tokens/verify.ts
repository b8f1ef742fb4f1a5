import jwt from 'jsonwebtoken';
import { isValidIdentity } from './identity.js';

export type TokenCheck =
  | { ok: true; identity: string; expiresAt: number }
  | { ok: false; reason: 'invalid' | 'expired'; message: string };

const invalid = (message: string): TokenCheck => ({ ok: false, reason: 'invalid', message });

/**
 * Verifies a Twilio access token as Twilio's gateway does, for the local gateway: an HS256 JWT signed with the API
 * key secret (checked by `jsonwebtoken`), unexpired (`exp`, `nbf`), with a voice grant and an identity.
 */
export async function verifyVoiceToken(token: string, secret: string, now: () => number = Date.now): Promise<TokenCheck> {
  let payload: jwt.JwtPayload | string;
  try {
    payload = jwt.verify(token, secret, {
      algorithms: ['HS256'],
      clockTimestamp: Math.floor(now() / 1000),
      // Twilio tolerates small clock skew on nbf; expiry is exact.
      clockTolerance: 0,
    });
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) return { ok: false, reason: 'expired', message: 'Access token expired' };
    if (error instanceof jwt.NotBeforeError) return invalid('Access token is not valid yet');
    return invalid(`Access token is invalid: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof payload === 'string') return invalid('Access token payload is not a JSON object');
  if (typeof payload.exp !== 'number') return invalid('Access token has no expiry');
  const grants: unknown = payload['grants'];
  const grantObject = typeof grants === 'object' && grants !== null ? (grants as Record<string, unknown>) : {};
  const identity = grantObject['identity'];
  if (!isValidIdentity(identity)) return invalid('Access token has no valid identity grant');
  if (typeof grantObject['voice'] !== 'object' || grantObject['voice'] === null) return invalid('Access token has no voice grant');
  return { ok: true, identity, expiresAt: payload.exp * 1000 };
}
