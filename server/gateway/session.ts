import type { WebSocket, RawData } from 'ws';
import { randomUUID } from 'node:crypto';
import { PSTREAM_VERSION } from './frames.js';
import { TwilioCode, signalingError, type SignalingError } from './errors.js';
import type { Deadline, DeadlineQueue } from './deadlineQueue.js';
import type { Beating, HeartbeatWheel } from './heartbeatWheel.js';

/** What a session shares with every other session of its server: one heartbeat timer, one deadline timer. */
export interface SessionTimers {
  heartbeats: HeartbeatWheel;
  deadlines: DeadlineQueue;
}

/** The SDK's heartbeat, a bare newline, as one shared buffer (sent as a text frame, never copied per beat). */
const HEARTBEAT = Buffer.from('\n');

/** One SDK signaling socket (PStream). Holds auth state; the gateway owns the protocol logic. */
export class SignalingSession implements Beating {
  readonly id = randomUUID();
  identity: string | null = null;
  /** Token expiry, epoch ms. */
  expiresAt = 0;
  /** The current token expired (naturally or by the control API); only a new `listen` helps. */
  expired = false;
  registered = false;
  /** `listen.reconnectTimeout` (seconds, from maxCallSignalingTimeoutMs) in ms; 0 = the gateway's default grace. */
  reconnectTimeoutMs = 0;
  readonly connectedAt = Date.now();
  private expiry: Deadline | null = null;
  private listenDeadline: Deadline | null = null;
  private forceCloseTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** One send callback per socket rather than a closure per frame. */
  private readonly afterSend = (err?: Error | null): void => {
    if (err) this.ws.terminate();
  };

  constructor(
    private readonly ws: WebSocket,
    private readonly timers: SessionTimers,
    onText: (session: SignalingSession, text: string) => void,
    onClose: (session: SignalingSession) => void,
  ) {
    // The SDK reconnects after 15 s without any frame; a bare newline is its heartbeat.
    timers.heartbeats.add(this);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) {
        this.sendError({ code: 31100, message: 'Binary frames are not supported' });
        return;
      }
      onText(this, Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(data as Buffer[]).toString('utf8'));
    });
    ws.on('close', () => {
      this.dispose();
      onClose(this);
    });
    ws.on('error', () => {
      // 'close' follows; oversized frames land here (ws closes with 1009).
    });
  }

  get isOpen(): boolean {
    return !this.closed && this.ws.readyState === this.ws.OPEN;
  }

  /** Authenticated with a token that has not expired. */
  get isAuthorized(): boolean {
    return this.identity !== null && !this.expired;
  }

  /** The SDK's heartbeat (the shared wheel calls this once per heartbeat period). */
  beat(): void {
    if (this.isOpen) this.ws.send(HEARTBEAT, { binary: false }, this.afterSend);
  }

  send(type: string, payload: Record<string, unknown>): void {
    this.sendRaw(JSON.stringify({ type, version: PSTREAM_VERSION, payload }));
  }

  sendError(error: SignalingError, extra: { callsid?: string; voiceeventsid?: string } = {}): void {
    this.send('error', { ...extra, error });
  }

  /** Treats the current token as expired (error 31205, as Twilio sends it); only a new `listen` helps. */
  expireToken(): void {
    if (this.identity === null || this.expired) return;
    this.expired = true;
    this.sendError(signalingError(TwilioCode.JwtTokenExpired, 'JWT Token Expired'));
  }

  /**
   * Runs `onExpire` when the token expires; replaces any earlier schedule. Called once a `listen` is accepted, so
   * the listen deadline is over too.
   */
  scheduleExpiry(onExpire: () => void): void {
    this.listenDeadline?.cancel();
    this.listenDeadline = null;
    this.expiry?.cancel();
    this.expiry = this.timers.deadlines.schedule(this.expiresAt, onExpire);
  }

  /**
   * Closes the socket unless a `listen` authenticated it within `ms`. The SDK sends `listen` as soon as the socket
   * opens, so only sockets that will never authenticate are affected; they are told why (31102, the SDK's
   * "Authorization token missing") before the close.
   */
  requireListenWithin(ms: number): void {
    this.listenDeadline?.cancel();
    this.listenDeadline = this.timers.deadlines.schedule(Date.now() + ms, () => {
      this.listenDeadline = null;
      if (this.identity !== null) return;
      this.sendError(signalingError(TwilioCode.AuthorizationTokenMissing, `No valid "listen" within ${ms / 1000} s`));
      this.closeWithin(1008, 'listen timeout');
    });
  }

  /** Closes with a closing handshake, and drops the socket after `graceMs` if the peer never completes it. */
  closeWithin(code: number, reason: string, graceMs = 1_000): void {
    this.close(code, reason);
    // ws would otherwise wait 30 s for the peer's close frame.
    this.forceCloseTimer ??= setTimeout(() => this.ws.terminate(), graceMs);
  }

  /** Closes the socket without a closing handshake, like a network failure. */
  terminate(): void {
    this.ws.terminate();
  }

  close(code = 1000, reason = ''): void {
    this.ws.close(code, reason);
  }

  private sendRaw(text: string): void {
    if (!this.isOpen) return;
    this.ws.send(text, this.afterSend);
  }

  private dispose(): void {
    this.closed = true;
    this.timers.heartbeats.remove(this);
    this.expiry?.cancel();
    this.listenDeadline?.cancel();
    if (this.forceCloseTimer) clearTimeout(this.forceCloseTimer);
    this.expiry = null;
    this.listenDeadline = null;
    this.forceCloseTimer = null;
  }
}
