import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { isValidIdentity } from './identity.js';

/** Signature algorithms a JWKS (public keys) may use; a shared secret uses HMAC only. `none` is never accepted. */
export const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;
export const SYMMETRIC_ALGORITHMS = ['HS256', 'HS384', 'HS512'] as const;

/** How `/token` authenticates its caller: a JWT from the host's identity provider. */
export interface BearerAuthConfig {
  key: { kind: 'jwks'; url: URL } | { kind: 'secret'; secret: string };
  issuer: string;
  audience: string;
  /** The claim that carries the Twilio identity (exact name, e.g. `sub`, `email`, `https://example.com/identity`). */
  identityClaim: string;
  algorithms: readonly string[];
}

export type BearerCheck =
  { ok: true; identity: string } | { ok: false; status: 401 | 403 | 503; code: string; message: string };

export type BearerVerifier = (authorization: string | undefined) => Promise<BearerCheck>;

const CLOCK_TOLERANCE_SECONDS = 5;
const JWKS_TIMEOUT_MS = 5000;

const unauthorized = (code: string, message: string): BearerCheck => ({ ok: false, status: 401, code, message });

function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authorization?.trim() ?? '');
  return match?.[1] ?? null;
}

function identityFrom(payload: JWTPayload, claim: string): BearerCheck {
  const identity = payload[claim];
  if (!isValidIdentity(identity)) {
    return {
      ok: false,
      status: 403,
      code: 'invalid_identity',
      message: `The bearer's "${claim}" claim is not a valid Twilio client identity`,
    };
  }
  return { ok: true, identity };
}

/** JWKS fetch failures are ours, not the caller's: 503 so a client retries instead of treating itself as logged out. */
function failure(error: unknown): BearerCheck {
  if (error instanceof errors.JWTExpired) return unauthorized('expired_token', 'The bearer token has expired');
  const keysUnavailable = error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid;
  // A failed JWKS fetch is a plain JOSEError (generic code) or the fetch's own TypeError.
  if (keysUnavailable || !(error instanceof errors.JOSEError) || error.code === 'ERR_JOSE_GENERIC') {
    return {
      ok: false,
      status: 503,
      code: 'auth_unavailable',
      message: "The identity provider's keys could not be loaded",
    };
  }
  if (error instanceof errors.JWTClaimValidationFailed)
    return unauthorized('invalid_token', `The bearer token's "${error.claim}" claim is not accepted`);
  return unauthorized('invalid_token', 'The bearer token is not valid');
}

/** Verifies `Authorization: Bearer <JWT>` (signature, algorithm, issuer, audience, expiry) with jose. */
export function createBearerVerifier(config: BearerAuthConfig): BearerVerifier {
  const key: JWTVerifyGetKey | Uint8Array =
    config.key.kind === 'jwks'
      ? createRemoteJWKSet(config.key.url, { timeoutDuration: JWKS_TIMEOUT_MS })
      : new TextEncoder().encode(config.key.secret);
  const options = {
    algorithms: [...config.algorithms],
    issuer: config.issuer,
    audience: config.audience,
    requiredClaims: ['exp'],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
  };
  return async (authorization) => {
    const token = bearerToken(authorization);
    if (!token) return unauthorized('missing_bearer', 'GET /token needs "Authorization: Bearer <JWT>"');
    try {
      const { payload } =
        key instanceof Uint8Array ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options);
      return identityFrom(payload, config.identityClaim);
    } catch (error) {
      return failure(error);
    }
  };
}
