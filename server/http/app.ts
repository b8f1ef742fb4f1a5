import type { Server } from 'node:https';
import type { Socket } from 'node:net';
import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastify from 'fastify';
import { helmetOptions } from '../security/headers.js';
import type { TlsMaterial } from '../tls.js';
import { registerCallControlRoute } from './callControlRoute.js';
import { registerClientRoutes } from './clientConfig.js';
import { registerControlRoutes } from './controlRoutes.js';
import { corsOptions, corsScopeOf } from './cors.js';
import { HttpError, MAX_BODY_BYTES, createErrorHandler, sendError } from './errors.js';
import { registerInsightsRoutes } from './insightsRoute.js';
import { registerStaticFiles } from './staticFiles.js';
import { createTlsServer } from './tlsServer.js';
import { registerTokenRoute } from './tokenRoute.js';
import type { App, AppContext } from './types.js';
import { registerVoiceWebhook } from './voiceWebhook.js';

export type { AppContext } from './types.js';

/** An empty JSON body means "no arguments" (`{}`), as the control API has always read it. */
function registerJsonParser(app: App): void {
  const strict = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: MAX_BODY_BYTES },
    (request, body, done) => {
      const text = String(body);
      if (text === '') done(null, {});
      else strict(request, text, done);
    },
  );
}

/** TRUST_PROXY: true/false, or a number of proxy hops in front of this server (X-Forwarded-For entries to trust). */
function trustProxyOption(trust: boolean | number): boolean | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

/** Caches must key CORS answers by Origin; shareable assets may be embedded by the allowed shells (CORP). */
function registerCorsVary(app: App, ctx: AppContext): void {
  const shareAssets = ctx.config.corsOrigins.length > 0;
  app.addHook('onSend', async (request, reply, payload) => {
    const scope = corsScopeOf(new URL(request.url, 'https://localhost').pathname);
    if (scope === null) return payload;
    const vary = String(reply.getHeader('vary') ?? '');
    if (!/\borigin\b/i.test(vary)) reply.header('vary', vary ? `${vary}, Origin` : 'Origin');
    if (shareAssets && scope !== 'insights') reply.header('cross-origin-resource-policy', 'cross-origin');
    return payload;
  });
}

/**
 * The HTTP side of the server on fastify: security headers, CORS allow-list, rate limits, the token endpoint, client
 * config and sounds, the TwiML webhook (Twilio mode), insights and the control API (local mode), static files.
 */
export async function createHttpApp(ctx: AppContext, tls: TlsMaterial, sockets: Set<Socket>): Promise<App> {
  const app: App = fastify<Server>({
    serverFactory: (handler) => createTlsServer(tls, handler, sockets),
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: trustProxyOption(ctx.config.trustProxy),
    forceCloseConnections: true,
    return503OnClosing: true,
  });
  app.setErrorHandler(createErrorHandler(ctx.log));
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, 'not_found', `Nothing at ${request.method} ${request.url.split('?')[0] ?? ''}`),
  );
  registerJsonParser(app);

  await app.register(fastifyHelmet, helmetOptions(ctx.config, ctx.origins));
  await app.register(fastifyCors, corsOptions(ctx.origins));
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new HttpError(context.statusCode, 'rate_limited', `Too many requests; retry in ${context.after}`),
  });
  registerCorsVary(app, ctx);

  registerTokenRoute(app, ctx);
  registerClientRoutes(app, ctx);
  registerVoiceWebhook(app, ctx);
  registerCallControlRoute(app, ctx);
  if (ctx.config.mode.kind === 'local') {
    registerInsightsRoutes(app, ctx);
    registerControlRoutes(app, ctx);
  }
  await registerStaticFiles(app, ctx);
  return app;
}
