import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { CallControlError, type CallControlBackend, type CallControlErrorCode } from '../callControl/backend.js';
import { callControlBodies, isCallControlAction, type CallControlAction } from '../callControl/commands.js';
import { RateWindow } from '../callControl/rateWindow.js';
import { verifyVoiceToken } from '../tokens/verify.js';
import { HttpError, sendJson } from './errors.js';
import { routeMethods } from './methods.js';
import type { App, AppContext } from './types.js';

/** Where the route lives; `GET /client-config` advertises it as `callControlUrl`. */
export const CALL_CONTROL_PATH = '/call-control';
/** Commands one identity may send per minute (a person clicks a few; a runaway script is stopped). */
export const CALL_CONTROL_RATE_PER_MINUTE = 120;

const STATUS: Record<CallControlErrorCode, number> = {
  no_active_call: 404,
  wrong_state: 409,
  invalid_number: 400,
  forbidden_number: 403,
  upstream_failed: 502,
};

const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;

function unauthorized(message: string): HttpError {
  return new HttpError(401, 'unauthorized', message, { 'www-authenticate': 'Bearer error="invalid_token"' });
}

/** The identity of the voice access token in `Authorization`, verified with this server's own key. */
async function identityOf(request: FastifyRequest, ctx: AppContext): Promise<string> {
  const token = BEARER.exec(request.headers.authorization?.trim() ?? '')?.[1];
  if (!token) throw unauthorized('Call control needs "Authorization: Bearer <the Device\'s access token>"');
  const { credentials } = ctx.config.mode;
  const check = await verifyVoiceToken(token, {
    secret: credentials.apiKeySecret,
    apiKeySid: credentials.apiKeySid,
    accountSid: credentials.accountSid,
  });
  if (!check.ok) throw unauthorized(check.message);
  return check.identity;
}

type Body<A extends CallControlAction> = z.output<(typeof callControlBodies)[A]>;

function parseBody<A extends CallControlAction>(action: A, body: unknown): Body<A> {
  const schema = callControlBodies[action] as unknown as z.ZodType<Body<A>>;
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'body';
    throw new HttpError(400, 'invalid_command', `${action}: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Runs one action on the backend; the result is the action's 200 body. */
async function perform(backend: CallControlBackend, identity: string, action: CallControlAction, body: unknown) {
  const caller = { identity };
  switch (action) {
    case 'hold': {
      const b = parseBody('hold', body);
      return backend.hold(caller, b.callSid, b.held);
    }
    case 'retrieve':
      return backend.retrieve(caller, parseBody('retrieve', body).callSid);
    case 'transfer': {
      const b = parseBody('transfer', body);
      if (b.mode === 'warm') return backend.warmTransfer(caller, b.callSid, b.to);
      await backend.blindTransfer(caller, b.callSid, b.to);
      return {};
    }
    case 'completeTransfer':
      await backend.completeTransfer(caller, parseBody('completeTransfer', body).callSid);
      return {};
    case 'merge': {
      const b = parseBody('merge', body);
      return backend.merge(caller, b.heldCallSid, b.activeCallSid);
    }
    case 'hangup':
      await backend.hangup(caller, parseBody('hangup', body).callSid);
      return {};
    case 'lines':
      parseBody('lines', body);
      return backend.lines(caller);
  }
}

/**
 * `POST /call-control/:action` (README "Call control"): the caller authenticates with its Device's voice access
 * token, each identity is rate-limited, the body is validated, and the backend of the server's mode carries it out:
 * the local gateway's lines, or Twilio's Conference and Calls resources (`ctx.callControl`).
 */
export function registerCallControlRoute(app: App, ctx: AppContext): void {
  const limiter = new RateWindow(ctx.callControlRatePerMinute ?? CALL_CONTROL_RATE_PER_MINUTE);
  const backend: CallControlBackend | undefined =
    ctx.config.mode.kind === 'local' ? ctx.gateway.callControl : ctx.callControl;
  routeMethods(app, `${CALL_CONTROL_PATH}/:action`, {
    POST: async (request, reply) => {
      const identity = await identityOf(request, ctx);
      if (!limiter.admit(identity)) {
        const retry = limiter.retryAfterSeconds(identity);
        throw new HttpError(429, 'rate_limited', `Too many call-control commands; retry in ${retry} s`, {
          'retry-after': String(retry),
        });
      }
      const action = (request.params as { action: string }).action;
      if (!isCallControlAction(action)) throw new HttpError(400, 'invalid_command', `Unknown action "${action}"`);
      if (!backend) throw new HttpError(502, 'upstream_failed', 'Call control is not configured for this mode');
      try {
        return sendJson(reply, 200, await perform(backend, identity, action, request.body));
      } catch (error) {
        if (error instanceof CallControlError) throw new HttpError(STATUS[error.code], error.code, error.message);
        throw error;
      }
    },
  });
}
