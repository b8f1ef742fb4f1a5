import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Gateway } from '../gateway/gateway.js';
import type { ServerMode } from '../config.js';
import { clampTtl, issueVoiceToken } from '../tokens/access-token.js';
import { isValidIdentity } from '../tokens/identity.js';
import { isSoundName, type SoundLibrary } from '../sounds/catalog.js';
import { clientConfig, requestHost } from './client-config.js';
import { handleControl } from './control-routes.js';
import { HttpError, readBody, sendError, sendJson } from './respond.js';
import { serveStatic } from './static-files.js';
import { voiceTwiml } from './twiml.js';

export interface AppContext {
  mode: ServerMode;
  gateway: Gateway;
  sounds: SoundLibrary;
  staticDir: string;
  tokenTtlSeconds: number;
  /** Host used when a request has no usable Host header. */
  defaultHost: string;
}

/** Insights (`/v4/EndpointEvents`, `/v4/EndpointMetrics`, `/insights`) are accepted locally; ICE candidates are kept. */
function isInsightsPath(pathname: string): boolean {
  return pathname === '/insights' || /^\/v4\/Endpoint[A-Za-z]+$/.test(pathname);
}

function allowCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (typeof origin === 'string' && /^https:\/\/(localhost|[A-Za-z0-9-]+\.localhost)(:\d+)?$/.test(origin)) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Twilio-Token');
    res.setHeader('Access-Control-Max-Age', '600');
  }
}

function handleToken(ctx: AppContext, url: URL, res: ServerResponse): void {
  const identity = url.searchParams.get('identity');
  if (!isValidIdentity(identity)) {
    throw new HttpError(400, 'invalid_identity', 'identity must be 1..121 characters of A-Z a-z 0-9 _ . @ + -');
  }
  const rawTtl = url.searchParams.get('ttl');
  let ttl = ctx.tokenTtlSeconds;
  if (rawTtl !== null) {
    if (!/^\d{1,9}$/.test(rawTtl)) throw new HttpError(400, 'invalid_ttl', 'ttl must be a whole number of seconds');
    ttl = clampTtl(Number(rawTtl));
  }
  const token = issueVoiceToken(ctx.mode.credentials, identity, ttl);
  sendJson(res, 200, { identity, token, ttl });
}

async function handleVoiceWebhook(ctx: AppContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (ctx.mode.kind !== 'twilio') throw new HttpError(404, 'not_found', 'The TwiML webhook exists only with Twilio credentials');
  const form = new URLSearchParams((await readBody(req)).toString('utf8'));
  const xml = voiceTwiml(form.get('To') ?? undefined, ctx.mode.credentials.callerId);
  res.writeHead(200, { 'Content-Type': 'text/xml; charset=utf-8', 'Content-Length': Buffer.byteLength(xml) });
  res.end(xml);
}

async function route(ctx: AppContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'https://localhost');
  const { pathname } = url;

  if (isInsightsPath(pathname)) {
    allowCors(req, res);
    if (method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    if (method === 'GET') {
      // Lets a person open this host once to accept the self-signed certificate for it.
      sendJson(res, 200, { insights: 'accepted locally; nothing is forwarded to Twilio' });
      return;
    }
    if (method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Use POST');
    const body = await readBody(req, 1024 * 1024);
    res.writeHead(204).end();
    const token = req.headers['x-twilio-token'];
    let event: unknown;
    try {
      event = JSON.parse(body.toString('utf8'));
    } catch {
      return;
    }
    await ctx.gateway.ingestInsights(typeof token === 'string' ? token : undefined, event);
    return;
  }
  if (pathname === '/token') {
    if (method !== 'GET') throw new HttpError(405, 'method_not_allowed', 'Use GET');
    handleToken(ctx, url, res);
    return;
  }
  if (pathname === '/client-config') {
    if (method !== 'GET') throw new HttpError(405, 'method_not_allowed', 'Use GET');
    sendJson(res, 200, clientConfig(ctx.mode.kind, requestHost(req, ctx.defaultHost)));
    return;
  }
  if (pathname === '/voice') {
    if (method !== 'POST') throw new HttpError(405, 'method_not_allowed', 'Use POST');
    await handleVoiceWebhook(ctx, req, res);
    return;
  }
  const sound = /^\/sounds\/([a-z0-9]+)\.wav$/.exec(pathname);
  if (sound) {
    const name = sound[1] ?? '';
    if (!isSoundName(name)) throw new HttpError(404, 'not_found', `No sound "${name}"`);
    const wav = ctx.sounds.get(name);
    res.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': wav.length, 'Cache-Control': 'public, max-age=3600' });
    res.end(method === 'HEAD' ? undefined : wav);
    return;
  }
  if (pathname === '/control' || pathname.startsWith('/control/')) {
    if (await handleControl(ctx.gateway, req, res, pathname)) return;
    throw new HttpError(404, 'not_found', `No control route ${method} ${pathname}`);
  }
  if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'method_not_allowed', 'Static files accept GET and HEAD');
  if (await serveStatic(ctx.staticDir, pathname, res, method === 'HEAD')) return;
  throw new HttpError(404, 'not_found', `Nothing at ${pathname}`);
}

/** The HTTP request handler: every failure becomes a JSON error; nothing escapes to crash the process. */
export function createRequestHandler(ctx: AppContext, log: (line: string) => void) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    route(ctx, req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) {
        sendError(res, error.status, error.code, error.message);
        // A rejected body may still be arriving; close once the answer is out.
        if (error.status === 413) res.on('finish', () => req.destroy());
        return;
      }
      log(`http: ${req.method} ${req.url?.split('?')[0] ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`);
      sendError(res, 500, 'internal_error', 'Internal server error');
    });
  };
}
