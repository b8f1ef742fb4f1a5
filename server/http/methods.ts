import type { RouteHandlerMethod, RouteShorthandOptions } from 'fastify';
import type { Server } from 'node:https';
import { HttpError } from './errors.js';
import type { App } from './types.js';

type Method = 'GET' | 'POST' | 'DELETE' | 'OPTIONS';
type Handler = RouteHandlerMethod<Server>;
const ALL_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

/**
 * Registers `url` with one handler per method and answers every other method 405 (a plain router would say 404,
 * hiding that the route exists). HEAD follows GET.
 */
export function routeMethods(
  app: App,
  url: string,
  handlers: Partial<Record<Method, Handler>>,
  options: RouteShorthandOptions<Server> = {},
): void {
  const declared = Object.keys(handlers) as Method[];
  for (const method of declared) {
    const handler = handlers[method];
    if (handler) app.route({ ...options, method, url, handler });
  }
  const allowed = declared.join(', ');
  const others = ALL_METHODS.filter(
    (m) => !(declared as string[]).includes(m) && !(m === 'HEAD' && declared.includes('GET')),
  );
  app.route({
    method: [...others],
    url,
    handler: () => {
      throw new HttpError(405, 'method_not_allowed', `Use ${allowed}`, { allow: allowed });
    },
  });
}
