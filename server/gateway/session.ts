import type { WebSocket, RawData } from 'ws';
import { randomUUID } from 'node:crypto';
import { PSTREAM_VERSION } from './frames.js';
import { TwilioCode, signalingError, type SignalingError } from './errors.js';

/** One SDK signaling socket (PStream). Holds auth state; the gateway owns the protocol logic. */
export class SignalingSession {
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
  private heartbeat: NodeJS.Timeout;
  private expiryTimer: NodeJS.Timeout | null = null;
  private listenTimer: NodeJS.Timeout | null = null;
  private forceCloseTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly ws: WebSocket,
    heartbeatMs: number,
    onText: (session: SignalingSession, text: string) => void,
    onClose: (session: SignalingSession) => void,
  ) {
    // The SDK reconnects after 15 s without any frame; a bare newline is its heartbeat.
    this.heartbeat = setInterval(() => this.sendRaw('\n'), heartbeatMs);
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

  /** Runs `onExpire` when the token expires; replaces any earlier schedule. */
  scheduleExpiry(onExpire: () => void): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    const delay = Math.max(0, this.expiresAt - Date.now());
    // setTimeout overflows above 2^31-1 ms; tokens live at most a day.
    this.expiryTimer = setTimeout(onExpire, Math.min(delay, 2 ** 31 - 1));
  }

  /**
   * Closes the socket unless a `listen` authenticated it within `ms`. The SDK sends `listen` as soon as the socket
   * opens, so only sockets that will never authenticate are affected; they are told why (31102, the SDK's
   * "Authorization token missing") before the close.
   */
  requireListenWithin(ms: number): void {
    this.listenTimer = setTimeout(() => {
      this.listenTimer = null;
      if (this.identity !== null) return;
      this.sendError(signalingError(TwilioCode.AuthorizationTokenMissing, `No valid "listen" within ${ms / 1000} s`));
      this.closeWithin(1008, 'listen timeout');
    }, ms);
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
    this.ws.send(text, (err) => {
      if (err) this.ws.terminate();
    });
  }

  private dispose(): void {
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const timer of [this.expiryTimer, this.listenTimer, this.forceCloseTimer]) if (timer) clearTimeout(timer);
    this.expiryTimer = null;
    this.listenTimer = null;
    this.forceCloseTimer = null;
  }
}
