import type { FastifyReply, FastifyRequest } from 'fastify';
import { clampTtl, issueVoiceToken } from '../tokens/accessToken.js';
import { createBearerVerifier } from '../tokens/bearerAuth.js';
import { isValidIdentity } from '../tokens/identity.js';
import { HttpError, sendJson } from './errors.js';
import { routeMethods } from './methods.js';
import type { App, AppContext } from './types.js';

const RATE_WINDOW_MS = 60_000;

function ttlFrom(query: URLSearchParams, fallback: number): number {
  const raw = query.get('ttl');
  if (raw === null) return clampTtl(fallback);
  if (!/^\d{1,9}$/.test(raw)) throw new HttpError(400, 'invalid_ttl', 'ttl must be a whole number of seconds');
  // Twilio refuses tokens that live longer than 24 h: asking for more gets exactly 24 h.
  return clampTtl(Number(raw));
}

function queryOf(request: FastifyRequest): URLSearchParams {
  return new URL(request.url, 'https://localhost').searchParams;
}

/**
 * `GET /token` → `{ identity, token, ttl }`. With token authentication configured (always in Twilio mode) the
 * identity is the verified bearer's claim and `?identity=` is ignored; without it (local mode only) the query names it.
 */
export function registerTokenRoute(app: App, ctx: AppContext): void {
  const { config } = ctx;
  const verifyBearer = config.tokenAuth ? createBearerVerifier(config.tokenAuth) : null;

  const identityOf = async (request: FastifyRequest): Promise<string> => {
    if (!verifyBearer) {
      const identity = queryOf(request).get('identity');
      if (!isValidIdentity(identity)) {
        throw new HttpError(400, 'invalid_identity', 'identity must be 1..121 characters of A-Z a-z 0-9 _ . @ + -');
      }
      return identity;
    }
    const check = await verifyBearer(request.headers.authorization);
    if (check.ok) return check.identity;
    const headers: Record<string, string> =
      check.status === 401 ? { 'www-authenticate': `Bearer error="invalid_token"` } : {};
    throw new HttpError(check.status, check.code, check.message, headers);
  };

  const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const identity = await identityOf(request);
    const ttl = ttlFrom(queryOf(request), config.tokenTtlSeconds);
    const token = issueVoiceToken(config.mode.credentials, identity, ttl);
    return sendJson(reply, 200, { identity, token, ttl });
  };

  routeMethods(
    app,
    '/token',
    { GET: handler },
    {
      config: { rateLimit: { max: config.tokenRateLimitPerMinute, timeWindow: RATE_WINDOW_MS } },
    },
  );
}
