import { errors, jwtVerify, type JWTPayload } from 'jose';
import { MAX_TTL_SECONDS } from './accessToken.js';
import { isValidIdentity } from './identity.js';

export type TokenCheck =
  { ok: true; identity: string; expiresAt: number } | { ok: false; reason: 'invalid' | 'expired'; message: string };

/** What a token must be signed with and issued by: the server's own API key (`iss`) of its own account (`sub`). */
export interface VoiceTokenKey {
  secret: string;
  apiKeySid: string;
  accountSid: string;
}

/** Twilio's gateway tolerates a little clock skew on `iat`/`nbf`; expiry is exact. */
const CLOCK_SKEW_SECONDS = 60;

const invalid = (message: string): TokenCheck => ({ ok: false, reason: 'invalid', message });

function checkLifetime(payload: JWTPayload, nowSeconds: number): TokenCheck | null {
  const { iat, exp } = payload;
  if (typeof exp !== 'number') return invalid('Access token has no expiry');
  if (typeof iat !== 'number') return invalid('Access token has no issue time (iat)');
  if (iat > nowSeconds + CLOCK_SKEW_SECONDS) return invalid('Access token is issued in the future');
  // Twilio refuses tokens that live longer than 24 hours; so do we, whatever exp says.
  if (exp - iat > MAX_TTL_SECONDS) return invalid(`Access token lives longer than ${MAX_TTL_SECONDS} seconds`);
  return null;
}

function checkIssuer(payload: JWTPayload, key: VoiceTokenKey): TokenCheck | null {
  if (payload.iss !== key.apiKeySid) return invalid("Access token was not issued by this server's API key");
  if (payload.sub !== key.accountSid) return invalid('Access token belongs to another account');
  return null;
}

function checkGrants(payload: JWTPayload): TokenCheck {
  const grants: unknown = payload['grants'];
  const grantObject = typeof grants === 'object' && grants !== null ? (grants as Record<string, unknown>) : {};
  const identity = grantObject['identity'];
  if (!isValidIdentity(identity)) return invalid('Access token has no valid identity grant');
  if (typeof grantObject['voice'] !== 'object' || grantObject['voice'] === null)
    return invalid('Access token has no voice grant');
  return { ok: true, identity, expiresAt: (payload.exp ?? 0) * 1000 };
}

/**
 * Verifies a Twilio access token as Twilio's gateway does, for the local gateway: an HS256 JWT (no other algorithm,
 * never `none`) signed with the API key secret, unexpired (20104 when `exp` passed, checked before anything but the
 * signature), living at most 24 hours, with a voice grant and an identity. With a {@link VoiceTokenKey}, `iss` and
 * `sub` must be this server's API key and account; a bare secret checks everything else.
 */
export async function verifyVoiceToken(
  token: string,
  key: string | VoiceTokenKey,
  now: () => number = Date.now,
): Promise<TokenCheck> {
  const secret = typeof key === 'string' ? key : key.secret;
  const nowSeconds = Math.floor(now() / 1000);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      currentDate: new Date(nowSeconds * 1000),
      clockTolerance: 0,
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired', message: 'Access token expired' };
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf')
      return invalid('Access token is not valid yet');
    return invalid(`Access token is invalid: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (
    checkLifetime(payload, nowSeconds) ??
    (typeof key === 'string' ? null : checkIssuer(payload, key)) ??
    checkGrants(payload)
  );
}

/** The verifier the gateway is given: tokens must come from this server's own credentials. */
export function createVoiceTokenVerifier(key: VoiceTokenKey): (token: string) => Promise<TokenCheck> {
  return (token) => verifyVoiceToken(token, key);
}
