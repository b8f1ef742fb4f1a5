import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_FRAME_BYTES } from './frames.js';
import { DeadlineQueue } from './deadlineQueue.js';
import { HeartbeatWheel } from './heartbeatWheel.js';
import { SignalingSession, type SessionTimers } from './session.js';
import type { SessionDirectory } from './sessionDirectory.js';
import type { SessionProtocol } from './sessionProtocol.js';

/** Told when a signaling socket is gone, so the calls on it can wait for the SDK to reconnect or end. */
export interface SessionClosedListener {
  sessionClosed(session: SignalingSession): void;
}

/** Accepts the SDK's signaling sockets on `/signal` and can stop and restart taking them. */
export class SignallingServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  private enabled = true;
  /** Shared by every session: one heartbeat timer and one deadline timer however many sockets are open. */
  private readonly timers: SessionTimers;

  constructor(
    private readonly directory: SessionDirectory,
    private readonly protocol: SessionProtocol,
    private readonly closedListener: SessionClosedListener,
    heartbeatMs: number,
    /** A socket that authenticates with no `listen` within this long is closed (idle sockets cost file handles). */
    private readonly listenTimeoutMs: number,
  ) {
    this.timers = { heartbeats: new HeartbeatWheel(heartbeatMs), deadlines: new DeadlineQueue() };
  }

  get isEnabled(): boolean {
    return this.enabled;
  }

  /** Handles an HTTP upgrade for `/signal`. Refuses with 503 while signalling is stopped. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (!this.enabled) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws: WebSocket) => this.accept(ws, request.headers.host ?? ''));
  }

  /** Closes every socket and refuses new ones; calls wait out their reconnect grace. */
  stop(): void {
    this.enabled = false;
    this.directory.terminateAll();
  }

  start(): void {
    this.enabled = true;
  }

  /** Refuses new sockets for good and closes the open ones. */
  async close(): Promise<void> {
    this.stop();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.timers.heartbeats.stop();
    this.timers.deadlines.clear();
  }

  private accept(ws: WebSocket, host: string): void {
    const session = new SignalingSession(
      ws,
      this.timers,
      (s, text) => this.protocol.enqueue(s, text),
      (s) => this.onClosed(s),
    );
    this.directory.add(session, host);
    session.requireListenWithin(this.listenTimeoutMs);
  }

  private onClosed(session: SignalingSession): void {
    this.directory.remove(session);
    this.protocol.forget(session);
    this.closedListener.sessionClosed(session);
  }
}
