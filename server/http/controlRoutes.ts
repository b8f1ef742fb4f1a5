import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { GatewayError } from '../gateway/errors.js';
import type { Gateway } from '../gateway/gateway.js';
import { identitySchema } from '../tokens/identity.js';
import { refuseCrossSiteControl } from './controlGuard.js';
import { HttpError, sendJson } from './errors.js';
import { routeMethods } from './methods.js';
import type { App, AppContext } from './types.js';

const placeCallBody = z
  .object({
    to: z.string().min(1).max(128),
    from: z.string().min(1).max(128).optional(),
    params: z.record(z.string().max(128), z.string().max(1024)).optional(),
  })
  .strict();

const messageBody = z
  .object({
    content: z.unknown().refine((v) => v !== undefined && v !== null, 'content is required'),
    messageType: z.string().min(1).max(128).optional(),
    contentType: z.string().min(1).max(128).optional(),
  })
  .strict();

const CALL_SID = /^CA[0-9a-f]{32}$/;

function parseBody<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(
      400,
      'invalid_request',
      issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'Invalid body',
    );
  }
  return parsed.data;
}

function param(request: FastifyRequest, name: string): string {
  return (request.params as Record<string, string>)[name] ?? '';
}

function callSidParam(request: FastifyRequest): string {
  const raw = param(request, 'callSid');
  if (!CALL_SID.test(raw))
    throw new HttpError(400, 'invalid_call_sid', 'callSid must be CA followed by 32 hex characters');
  return raw;
}

function identityParam(request: FastifyRequest): string {
  const identity = param(request, 'identity');
  if (!identitySchema.safeParse(identity).success)
    throw new HttpError(400, 'invalid_identity', 'identity must be 1..121 characters of A-Z a-z 0-9 _ . @ + -');
  return identity;
}

/** Gateway errors carry their own HTTP status and code. */
async function gatewayCall<T>(action: () => T | Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof GatewayError) throw new HttpError(error.status, error.code, error.message);
    throw error;
  }
}

function registerCallRoutes(scope: App, gateway: Gateway): void {
  routeMethods(scope, '/control/calls', {
    GET: (_request, reply) => sendJson(reply, 200, { calls: gateway.listCalls() }),
    POST: async (request, reply) =>
      sendJson(reply, 201, await gatewayCall(() => gateway.placeCall(parseBody(placeCallBody, request.body)))),
  });
  routeMethods(scope, '/control/calls/:callSid', {
    DELETE: async (request, reply) => {
      const callSid = callSidParam(request);
      await gatewayCall(() => gateway.hangupCall(callSid));
      return sendJson(reply, 200, { callSid, status: 'completed' });
    },
  });
  routeMethods(scope, '/control/calls/:callSid/legs', {
    GET: async (request, reply) => {
      const callSid = callSidParam(request);
      return sendJson(reply, 200, await gatewayCall(() => gateway.callLegs(callSid)));
    },
  });
  routeMethods(scope, '/control/calls/:callSid/messages', {
    GET: async (request, reply) => {
      const callSid = callSidParam(request);
      return sendJson(reply, 200, { messages: await gatewayCall(() => gateway.receivedMessages(callSid)) });
    },
    POST: async (request, reply) => {
      const callSid = callSidParam(request);
      const body = parseBody(messageBody, request.body);
      const sent = await gatewayCall(() =>
        gateway.sendMessageToCall(callSid, {
          content: body.content,
          messageType: body.messageType,
          contentType: body.contentType,
        }),
      );
      return sendJson(reply, 202, { callSid, ...sent });
    },
  });
}

function registerDeviceRoutes(scope: App, gateway: Gateway): void {
  routeMethods(scope, '/control/registrations', {
    GET: (_request, reply) => sendJson(reply, 200, { registrations: gateway.registrations() }),
  });
  for (const action of ['drop', 'expire-token'] as const) {
    routeMethods(scope, `/control/devices/:identity/${action}`, {
      POST: async (request, reply) => {
        const identity = identityParam(request);
        const sockets = await gatewayCall(() =>
          action === 'drop' ? gateway.dropDevices(identity) : gateway.expireToken(identity),
        );
        return sendJson(reply, 200, { identity, sockets });
      },
    });
  }
  for (const action of ['stop', 'start'] as const) {
    routeMethods(scope, `/control/signalling/${action}`, {
      POST: (_request, reply) => {
        if (action === 'stop') gateway.stopSignalling();
        else gateway.startSignalling();
        return sendJson(reply, 200, { signalling: gateway.isSignallingEnabled ? 'started' : 'stopped' });
      },
    });
  }
}

/**
 * The control API (README "Control API"), local mode only: in Twilio mode these routes do not exist (404). Every
 * request passes the cross-site guard first, so a refused one never reaches the gateway.
 */
export function registerControlRoutes(app: App, ctx: AppContext): void {
  app.register(async (scope: App) => {
    scope.addHook('onRequest', refuseCrossSiteControl(ctx.origins));
    registerCallRoutes(scope, ctx.gateway);
    registerDeviceRoutes(scope, ctx.gateway);
  });
}
