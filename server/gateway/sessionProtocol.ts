import { TwilioCode, signalingError } from './errors.js';
import { parseFrame, type InboundFrame } from './frames.js';
import type { SignalingSession } from './session.js';
import type { SessionDirectory } from './sessionDirectory.js';
import type { TokenVerifier } from './gatewayTypes.js';
import type { IdentityLimits } from './limits.js';

/** Frames about calls, which only an authorized session may send. */
export type CallFrame = Exclude<InboundFrame, { type: 'listen' | 'register' }>;

/** The call side of the gateway, which takes every call frame of an authorized session. */
export interface CallFrameHandler {
  handleCallFrame(session: SignalingSession, frame: CallFrame): void;
}

export interface SessionProtocolOptions {
  verifyToken: TokenVerifier;
  /** Region and edge reported in `connected` (Device.edge), like Twilio's `us1` / `ashburn`. */
  region: string;
  edge: string;
  /** Caps the signalling sockets of one identity (checked at a socket's first `listen`). */
  limits: IdentityLimits;
  log: (line: string) => void;
}

/**
 * Reads each session's frames strictly in order, refuses malformed and unauthorized ones, handles the session's
 * own frames (`listen` with its token, `register`) and hands call frames on.
 */
export class SessionProtocol {
  private readonly queues = new Map<SignalingSession, Promise<void>>();

  constructor(
    private readonly directory: SessionDirectory,
    private readonly calls: CallFrameHandler,
    private readonly options: SessionProtocolOptions,
  ) {}

  /**
   * Frames of one socket are handled strictly in order. Only a token check is asynchronous: while one is pending,
   * later frames of that socket wait in a promise chain; otherwise a frame is handled at once, with no promise.
   */
  enqueue(session: SignalingSession, text: string): void {
    if (text === '\n') return; // the SDK's heartbeat
    const pending = this.queues.get(session);
    if (pending) {
      this.track(
        session,
        pending.then(() => this.handleText(session, text)),
      );
      return;
    }
    try {
      const work = this.handleText(session, text);
      if (work) this.track(session, work);
    } catch (error) {
      this.failed(session, error);
    }
  }

  forget(session: SignalingSession): void {
    this.queues.delete(session);
  }

  /** Makes `work` the session's tail until it settles. */
  private track(session: SignalingSession, work: Promise<void>): void {
    const tail: Promise<void> = work
      .catch((error: unknown) => this.failed(session, error))
      .then(() => {
        if (this.queues.get(session) === tail) this.queues.delete(session);
      });
    this.queues.set(session, tail);
  }

  private failed(session: SignalingSession, error: unknown): void {
    this.options.log(`gateway: frame handling failed: ${error instanceof Error ? error.message : String(error)}`);
    session.sendError(signalingError(TwilioCode.ConnectionError, 'Internal gateway error'));
  }

  /** Handles one frame; returns a promise only when it has to wait (a `listen`'s token check). */
  private handleText(session: SignalingSession, text: string): Promise<void> | undefined {
    const parsed = parseFrame(text);
    if (!parsed.ok) {
      if (parsed.reason === 'heartbeat') return undefined;
      session.sendError(signalingError(TwilioCode.MalformedRequest, parsed.message), {
        ...(parsed.callsid ? { callsid: parsed.callsid } : {}),
        ...(parsed.voiceeventsid ? { voiceeventsid: parsed.voiceeventsid } : {}),
      });
      return undefined;
    }
    const frame = parsed.frame;
    if (frame.type === 'listen') {
      const { token, reconnectTimeout } = frame.payload;
      return this.onListen(session, token).then(() => {
        session.reconnectTimeoutMs = (reconnectTimeout ?? 0) * 1000;
      });
    }
    if (!session.isAuthorized) {
      const error = session.expired
        ? signalingError(TwilioCode.JwtTokenExpired, 'JWT Token Expired; send a new one with listen')
        : signalingError(TwilioCode.InvalidJwtToken, `"${frame.type}" before a valid access token was accepted`);
      const callsid = 'callsid' in frame.payload ? frame.payload.callsid : undefined;
      session.sendError(error, callsid ? { callsid } : {});
      return undefined;
    }
    if (frame.type === 'register') this.onRegister(session, frame.payload.media);
    else this.calls.handleCallFrame(session, frame);
    return undefined;
  }

  private async onListen(session: SignalingSession, token: string): Promise<void> {
    const check = await this.options.verifyToken(token);
    if (!check.ok) {
      const code = check.reason === 'expired' ? TwilioCode.AccessTokenExpired : TwilioCode.AccessTokenInvalid;
      session.sendError(signalingError(code, check.message));
      return;
    }
    if (session.identity !== null && session.identity !== check.identity) {
      session.sendError(
        signalingError(TwilioCode.AccessTokenInvalid, 'A new token must carry the same identity as the connection'),
      );
      return;
    }
    const firstListen = session.identity === null;
    if (firstListen && this.refusedOverLimit(session, check.identity)) return;
    session.identity = check.identity;
    if (firstListen) this.directory.identify(session);
    session.expiresAt = check.expiresAt;
    session.expired = false;
    session.scheduleExpiry(() => session.expireToken());
    // Like Twilio, only the first listen on a socket is answered; a listen from updateToken() just swaps the token.
    if (!firstListen) return;
    session.send('connected', {
      region: this.options.region,
      edge: this.options.edge,
      home: this.insightsHome(session),
      token: { identity: check.identity, ttl: Math.max(0, Math.floor((check.expiresAt - Date.now()) / 1000)) },
    });
  }

  /** A socket beyond the identity's limit is told why (31206) and closed before it is counted as that identity. */
  private refusedOverLimit(session: SignalingSession, identity: string): boolean {
    const refusal = this.options.limits.socketRefusal(identity);
    if (!refusal) return false;
    this.options.log(`gateway: refused a signalling connection: ${refusal.message}`);
    session.sendError(refusal);
    session.closeWithin(1008, 'too many connections');
    return true;
  }

  /**
   * The SDK points its insights publisher at `eventgw.<home>.twilio.com` after `connected`. With the page on
   * `localhost:PORT`, the home `localhost:PORT/insights#` makes that `https://eventgw.localhost:PORT/insights`, which
   * browsers resolve to loopback, so insights stay on this machine (media does not depend on them). Other hosts get
   * a home that does not parse as a URL host, so the publisher fails in the page instead of reaching Twilio.
   */
  private insightsHome(session: SignalingSession): string {
    const host = this.directory.hostOf(session);
    return host.replace(/:\d+$/, '') === 'localhost' ? `${host}/insights#` : 'local.invalid:0:0';
  }

  private onRegister(session: SignalingSession, media: unknown): void {
    const audio = typeof media === 'object' && media !== null ? (media as { audio?: unknown }).audio : undefined;
    if (audio === false) {
      session.registered = false;
      session.send('offline', {});
      return;
    }
    session.registered = true;
    session.send('ready', {});
  }
}
