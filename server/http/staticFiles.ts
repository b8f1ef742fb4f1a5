import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { App, AppContext } from './types.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** The content type this project serves a file with (JavaScript as text/javascript, per RFC 9239). */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Resolves a URL path inside `root`; null for anything that escapes it (`..`, encoded separators, NUL).
 * `/` maps to `index.html`.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const resolvedRoot = path.resolve(root);
  const full = path.resolve(resolvedRoot, relative);
  return full === resolvedRoot || full.startsWith(resolvedRoot + path.sep) ? full : null;
}

/** Source maps show the sources; a deployment (Twilio mode) keeps them to itself. */
function servesSourceMaps(ctx: AppContext): boolean {
  return ctx.config.mode.kind === 'local';
}

/** `GET /` and the build output (`dist/`): demo shell, import map, the module, its chunks and shared dependencies. */
export async function registerStaticFiles(app: App, ctx: AppContext): Promise<void> {
  await app.register(async (scope: App) => {
    await scope.register(fastifyStatic, {
      root: ctx.staticDir,
      prefix: '/',
      index: 'index.html',
      wildcard: true,
      redirect: false,
      dotfiles: 'ignore',
      cacheControl: false,
      decorateReply: false,
      allowedPath: (pathname) =>
        resolveStaticPath(ctx.staticDir, pathname) !== null && (servesSourceMaps(ctx) || !pathname.endsWith('.map')),
      setHeaders: (res) => res.setHeader('cache-control', 'no-cache'),
    });
    scope.addHook('onSend', async (request, reply, payload) => {
      if (reply.statusCode === 200) {
        const pathname = new URL(request.url, 'https://localhost').pathname;
        reply.header('content-type', contentTypeOf(pathname.endsWith('/') ? `${pathname}index.html` : pathname));
      }
      return payload;
    });
  });
}
