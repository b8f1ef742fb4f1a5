import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { TlsMaterial } from '../tls.js';

/**
 * Socket lifetimes. A connection that completes no TLS handshake, or sends no complete request head, within 10 s is
 * closed (Node checks once a second); an idle keep-alive connection after 5 s. Upgraded WebSockets leave these timers.
 */
export const SOCKET_TIMEOUTS = {
  handshakeMs: 10_000,
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 5_000,
  checkIntervalMs: 1_000,
} as const;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Creates one HTTPS server (fastify's serverFactory may call it once per bound address) and tracks its sockets. */
export function createTlsServer(tls: TlsMaterial, handler: Handler, sockets: Set<Socket>): Server {
  const server = createServer(
    {
      key: tls.key,
      cert: tls.cert,
      handshakeTimeout: SOCKET_TIMEOUTS.handshakeMs,
      headersTimeout: SOCKET_TIMEOUTS.headersMs,
      requestTimeout: SOCKET_TIMEOUTS.requestMs,
      connectionsCheckingInterval: SOCKET_TIMEOUTS.checkIntervalMs,
    },
    handler,
  );
  server.keepAliveTimeout = SOCKET_TIMEOUTS.keepAliveMs;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Browsers probing an untrusted certificate and handshake timeouts end up here: drop the socket quietly.
  server.on('tlsClientError', (_error: Error, socket: TLSSocket) => socket.destroy());
  return server;
}
