import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { GatewayError } from '../gateway/errors.js';
import type { Gateway } from '../gateway/gateway.js';
import { identitySchema } from '../tokens/identity.js';
import { HttpError, readJson, sendJson } from './respond.js';

const placeCallBody = z.object({
  to: z.string().min(1).max(128),
  from: z.string().min(1).max(128).optional(),
  params: z.record(z.string().max(128), z.string().max(1024)).optional(),
}).strict();

const messageBody = z.object({
  content: z.unknown().refine((v) => v !== undefined && v !== null, 'content is required'),
  messageType: z.string().min(1).max(128).optional(),
  contentType: z.string().min(1).max(128).optional(),
}).strict();

const CALL_SID = /^CA[0-9a-f]{32}$/;

function parseBody<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(400, 'invalid_request', issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'Invalid body');
  }
  return parsed.data;
}

function callSidParam(raw: string): string {
  if (!CALL_SID.test(raw)) throw new HttpError(400, 'invalid_call_sid', 'callSid must be CA followed by 32 hex characters');
  return raw;
}

function identityParam(raw: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw new HttpError(400, 'invalid_identity', 'identity is not valid URL encoding');
  }
  if (!identitySchema.safeParse(decoded).success) throw new HttpError(400, 'invalid_identity', 'identity must be 1..121 characters of A-Z a-z 0-9 _ . @ + -');
  return decoded;
}

/** Routes `/control/*`; returns false when the path is not a control route. Gateway errors become 4xx/5xx JSON. */
export async function handleControl(gateway: Gateway, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
  const method = req.method ?? 'GET';
  const segments = pathname.split('/').filter(Boolean).slice(1); // drop 'control'
  try {
    const [first, second, third] = segments;
    if (first === 'registrations' && segments.length === 1) {
      requireMethod(method, 'GET');
      sendJson(res, 200, { registrations: gateway.registrations() });
      return true;
    }
    if (first === 'calls' && segments.length === 1) {
      if (method === 'GET') {
        sendJson(res, 200, { calls: gateway.listCalls() });
        return true;
      }
      requireMethod(method, 'POST');
      const body = parseBody(placeCallBody, await readJson(req));
      sendJson(res, 201, await gateway.placeCall(body));
      return true;
    }
    if (first === 'calls' && second !== undefined && segments.length === 2) {
      requireMethod(method, 'DELETE');
      gateway.hangupCall(callSidParam(second));
      sendJson(res, 200, { callSid: second, status: 'completed' });
      return true;
    }
    if (first === 'calls' && second !== undefined && third === 'messages' && segments.length === 3) {
      requireMethod(method, 'POST');
      const callSid = callSidParam(second);
      const body = parseBody(messageBody, await readJson(req));
      sendJson(res, 202, { callSid, ...gateway.sendMessageToCall(callSid, { content: body.content, messageType: body.messageType, contentType: body.contentType }) });
      return true;
    }
    if (first === 'devices' && second !== undefined && segments.length === 3 && (third === 'drop' || third === 'expire-token')) {
      requireMethod(method, 'POST');
      const identity = identityParam(second);
      const sockets = third === 'drop' ? gateway.dropDevices(identity) : gateway.expireToken(identity);
      sendJson(res, 200, { identity, sockets });
      return true;
    }
    if (first === 'signalling' && segments.length === 2 && (second === 'stop' || second === 'start')) {
      requireMethod(method, 'POST');
      if (second === 'stop') gateway.stopSignalling();
      else gateway.startSignalling();
      sendJson(res, 200, { signalling: gateway.isSignallingEnabled ? 'started' : 'stopped' });
      return true;
    }
    return false;
  } catch (error) {
    if (error instanceof GatewayError) throw new HttpError(error.status, error.code, error.message);
    throw error;
  }
}

function requireMethod(actual: string, expected: string): void {
  if (actual !== expected) throw new HttpError(405, 'method_not_allowed', `Use ${expected}`);
}
