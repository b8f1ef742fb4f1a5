import type { FastifyCorsOptions } from '@fastify/cors';
import type { FastifyRequest } from 'fastify';
import type { OriginPolicy } from '../security/origins.js';
import { isInsightsPath } from './insightsRoute.js';

/** What a cross-origin shell needs: the module and its chunks, shared files, sounds, the token and client config. */
export type CorsScope = 'api' | 'asset' | 'insights' | null;

const ASSET_EXTENSIONS = /\.(js|mjs|css|json|map|wav|svg|woff2)$/;

export function corsScopeOf(pathname: string): CorsScope {
  if (pathname === '/token' || pathname === '/client-config' || pathname.startsWith('/call-control/')) return 'api';
  if (pathname.startsWith('/sounds/') || ASSET_EXTENSIONS.test(pathname)) return 'asset';
  if (isInsightsPath(pathname)) return 'insights';
  return null;
}

const NO_CORS: FastifyCorsOptions = { origin: false };

function optionsFor(scope: CorsScope, origin: string, origins: OriginPolicy): FastifyCorsOptions {
  switch (scope) {
    case 'api':
      // A host's own backend may authenticate with cookies (credentials: 'include') or a bearer header.
      return origins.allowsCors(origin)
        ? {
            origin,
            credentials: true,
            methods: ['GET', 'POST'],
            allowedHeaders: ['Authorization', 'Content-Type'],
            maxAge: 600,
          }
        : NO_CORS;
    case 'asset':
      return origins.allowsCors(origin) ? { origin, methods: ['GET', 'HEAD'], maxAge: 600 } : NO_CORS;
    case 'insights':
      return origins.allowsInsights(origin)
        ? { origin, methods: ['POST', 'OPTIONS'], allowedHeaders: ['Content-Type', 'X-Twilio-Token'], maxAge: 600 }
        : NO_CORS;
    default:
      return NO_CORS;
  }
}

/** Per-request CORS (@fastify/cors delegator): an allow-list per route family, never `*`, `Vary: Origin` always. */
export function corsOptions(origins: OriginPolicy) {
  return {
    hook: 'onRequest' as const,
    delegator: (
      request: FastifyRequest,
      callback: (error: Error | null, options?: FastifyCorsOptions) => void,
    ): void => {
      const origin = request.headers.origin;
      const scope = corsScopeOf(new URL(request.url, 'https://localhost').pathname);
      // The delegator's answer replaces every option, so the preflight leniency goes into each one.
      const options = origin === undefined ? NO_CORS : optionsFor(scope, origin, origins);
      callback(null, { ...options, strictPreflight: false });
    },
  };
}
