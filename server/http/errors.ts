import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

export interface ApiError {
  code: string;
  message: string;
}

/** An error with an HTTP status, rendered as `{ error: { code, message } }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const MAX_BODY_BYTES = 64 * 1024;

/** JSON answers are never cached: tokens and live gateway state must not outlive the request. */
export function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('application/json; charset=utf-8')
    .send(JSON.stringify(body));
}

export function sendError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return sendJson(reply, status, { error: { code, message } satisfies ApiError });
}

/** Fastify's own request errors (body parsing, limits) in this API's vocabulary. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_request',
};

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && typeof (error as Partial<FastifyError>).statusCode === 'number';
}

/** Every failure becomes a JSON error; unexpected ones are logged and answered 500 without details. */
export function createErrorHandler(log: (line: string) => void) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    if (error instanceof HttpError)
      return sendError(reply.headers(error.headers), error.status, error.code, error.message);
    if (isFastifyError(error) && error.statusCode !== undefined && error.statusCode < 500) {
      return sendError(reply, error.statusCode, FASTIFY_CODES[error.code] ?? 'invalid_request', error.message);
    }
    log(
      `http: ${request.method} ${request.url.split('?')[0] ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return sendError(reply, 500, 'internal_error', 'Internal server error');
  };
}
