import type { FastifyRequest } from 'fastify';
import type { OriginPolicy } from '../security/origins.js';
import { HttpError } from './errors.js';

/** Fetch metadata a browser sends; anything but a same-origin request or a user's own navigation is cross-site. */
const ALLOWED_FETCH_SITES = new Set(['same-origin', 'none']);

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

function isJson(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/json\s*(;|$)/i.test(contentType.trim());
}

/**
 * Runs before any body is read: the control API places calls and drops devices, so a page on another origin must not
 * reach it, not even with a "simple" no-cors request (text/plain, form posts) that skips CORS preflight. Accepted:
 * requests without `Origin` (curl, tests) or from this server's own origin, carrying JSON or no body at all.
 */
export function refuseCrossSiteControl(origins: OriginPolicy) {
  return async (request: FastifyRequest): Promise<void> => {
    const origin = request.headers.origin;
    if (origin !== undefined && !origins.isOwn(origin)) {
      throw new HttpError(
        403,
        'forbidden_origin',
        `The control API accepts requests from this server's own pages only, not from ${origin}`,
      );
    }
    const site = request.headers['sec-fetch-site'];
    if (typeof site === 'string' && !ALLOWED_FETCH_SITES.has(site)) {
      throw new HttpError(403, 'forbidden_origin', `The control API refuses ${site} requests`);
    }
    const contentType = request.headers['content-type'];
    if ((contentType !== undefined || hasBody(request)) && !isJson(contentType)) {
      throw new HttpError(415, 'unsupported_media_type', 'The control API accepts application/json bodies only');
    }
  };
}
