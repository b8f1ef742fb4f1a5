import { sendJson } from './errors.js';
import { routeMethods } from './methods.js';
import type { App, AppContext } from './types.js';

const MAX_INSIGHTS_BYTES = 1024 * 1024;

/** Insights paths the SDK posts to (`/v4/Endpoint*`) and the page a person opens to accept the certificate. */
export function isInsightsPath(pathname: string): boolean {
  return pathname === '/insights' || /^\/v4\/Endpoint[A-Za-z]+$/.test(pathname);
}

/**
 * The SDK's insights (local mode): accepted and answered 204 whatever they hold (like Twilio's event gateway, a
 * malformed event is no error for the page). Nothing in them is used or forwarded.
 */
export function registerInsightsRoutes(app: App, _ctx: AppContext): void {
  app.register(async (scope: App) => {
    // Lenient parsing in this scope only: the body is opaque until the gateway validates it.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_INSIGHTS_BYTES }, (_request, body, done) => {
      try {
        done(null, JSON.parse(String(body)) as unknown);
      } catch {
        done(null, undefined);
      }
    });
    scope.addHook('onRequest', async (request, reply) => {
      if (!isInsightsPath(new URL(request.url, 'https://localhost').pathname)) return reply.callNotFound();
    });
    for (const url of ['/insights', '/v4/:endpoint']) {
      routeMethods(scope, url, {
        OPTIONS: (_request, reply) => reply.code(204).send(),
        // Lets a person open this host once to accept the self-signed certificate for it.
        GET: (_request, reply) =>
          sendJson(reply, 200, { insights: 'accepted locally; nothing is forwarded to Twilio' }),
        // Media no longer depends on insights (every leg ends on a server peer): posts are taken and dropped.
        POST: (_request, reply) => reply.code(204).send(),
      });
    }
  });
}
