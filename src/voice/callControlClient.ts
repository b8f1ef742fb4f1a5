/**
 * The HTTP side of call control: `POST <callControlUrl>/<action>` with the Device's current access token (see the
 * call-control seam). Replies are untrusted input: a 200 is validated against the action's result schema, an error
 * body `{ error: { code, message } }` becomes the SoftphoneError code the bus promises, anything else a typed error.
 * A server without the route (older deployment, or none configured) answers `unsupported`.
 */
import * as z from 'zod/mini';
import type { ErrorCode } from '../contract/errorCodes';
import { SoftphoneError } from '../contract/service';
import type { Timers } from './timers';
import type { FetchLike } from './token';

const LineSid = z.string().check(z.minLength(1), z.maxLength(64));

const RESULTS = {
  hold: z.object({ held: z.boolean() }),
  retrieve: z.object({ legCallSid: LineSid }),
  transfer: z.object({ consultCallSid: z.optional(LineSid) }),
  completeTransfer: z.object({}),
  merge: z.object({ conferenceSid: z.string().check(z.minLength(1), z.maxLength(64)) }),
  hangup: z.object({}),
  lines: z.object({
    lines: z
      .array(
        z.object({
          lineSid: LineSid,
          held: z.boolean(),
          parked: z.boolean(),
          conferenceSid: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
        }),
      )
      .check(z.maxLength(500)),
  }),
} as const;

export type CallControlAction = keyof typeof RESULTS;
export type CallControlReply<A extends CallControlAction> = z.output<(typeof RESULTS)[A]>;

/** What each action sends; `callSid` is always a lineSid (Twilio's CallSid of the line). */
export interface CallControlBodies {
  hold: { callSid: string; held: boolean };
  retrieve: { callSid: string };
  transfer: { callSid: string; to: string; mode: 'blind' | 'warm' };
  completeTransfer: { callSid: string };
  merge: { heldCallSid: string; activeCallSid: string };
  hangup: { callSid: string };
  /** The caller's open lines on the server (a held or parked line missing from them has ended). */
  lines: Record<string, never>;
}

const ErrorBodySchema = z.object({
  error: z.object({ code: z.string().check(z.maxLength(64)), message: z.string().check(z.maxLength(1000)) }),
});

/** The route's error codes, as the bus names them. */
const ROUTE_CODES: Readonly<Record<string, ErrorCode>> = {
  invalid_command: 'invalid_argument',
  invalid_number: 'invalid_number',
  unauthorized: 'token_error',
  forbidden_number: 'forbidden_number',
  no_active_call: 'no_active_call',
  wrong_state: 'wrong_state',
  rate_limited: 'rate_limited',
  upstream_failed: 'upstream_failed',
};

export interface CallControlClientDeps {
  /** The route's base URL; null: this deployment offers no call control. */
  url: string | null;
  /** What a relative `url` resolves against (the page). */
  baseUrl: string | undefined;
  fetch: FetchLike;
  /** The Device's current access token, if there is a Device. */
  token: () => string | null;
  timers: Timers;
  timeoutMs?: number;
}

export const CALL_CONTROL_TIMEOUT_MS = 10_000;

export class CallControlClient {
  constructor(private readonly deps: CallControlClientDeps) {}

  get available(): boolean {
    return this.deps.url !== null;
  }

  /** Fails with `unsupported` when the deployment has no call control; cheap, so commands check first. */
  requireAvailable(): void {
    if (!this.available)
      throw new SoftphoneError('unsupported', 'The softphone server does not offer call control (hold, transfer).');
  }

  async request<A extends CallControlAction>(action: A, body: CallControlBodies[A]): Promise<CallControlReply<A>> {
    this.requireAvailable();
    const token = this.deps.token();
    if (!token) throw new SoftphoneError('not_ready', 'The softphone has no access token yet.');
    const response = await this.post(action, body, token);
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      json = undefined;
    }
    if (response.ok) {
      const parsed = RESULTS[action].safeParse(json);
      if (parsed.success) return parsed.data as CallControlReply<A>;
      throw new SoftphoneError(
        'upstream_failed',
        `The call-control server answered ${action} with an unexpected body.`,
      );
    }
    throw refusal(response.status, json);
  }

  private async post(action: CallControlAction, body: unknown, token: string) {
    const { fetch, timers, timeoutMs = CALL_CONTROL_TIMEOUT_MS } = this.deps;
    const controller = new AbortController();
    const timer = timers.setTimeout(() => controller.abort(), timeoutMs);
    try {
      return await fetch(this.urlOf(action), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        credentials: 'same-origin',
        signal: controller.signal,
      });
    } catch {
      if (controller.signal.aborted)
        throw new SoftphoneError('timeout', `The call-control server did not answer ${action} in time.`);
      throw new SoftphoneError('upstream_failed', 'The call-control server could not be reached.');
    } finally {
      timers.clearTimeout(timer);
    }
  }

  private urlOf(action: CallControlAction): string {
    const base = (this.deps.url ?? '').replace(/\/+$/, '');
    const url = `${base}/${action}`;
    try {
      return new URL(url, this.deps.baseUrl).toString();
    } catch {
      return url;
    }
  }
}

/** An error reply as a SoftphoneError; a 404 without our error body means the server has no such route. */
function refusal(status: number, json: unknown): SoftphoneError {
  const parsed = ErrorBodySchema.safeParse(json);
  if (parsed.success) {
    const code = ROUTE_CODES[parsed.data.error.code] ?? 'upstream_failed';
    return new SoftphoneError(code, parsed.data.error.message.slice(0, 200));
  }
  if (status === 404 || status === 405)
    return new SoftphoneError('unsupported', 'The softphone server does not offer call control (hold, transfer).');
  if (status === 401) return new SoftphoneError('token_error', 'The call-control server refused the access token.');
  if (status === 429) return new SoftphoneError('rate_limited', 'Too many call-control requests; try again shortly.');
  return new SoftphoneError('upstream_failed', `The call-control server answered HTTP ${status}.`);
}
