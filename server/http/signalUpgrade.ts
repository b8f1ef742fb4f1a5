import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Gateway } from '../gateway/gateway.js';
import type { OriginPolicy } from '../security/origins.js';

function refuse(socket: Duplex, status: '403 Forbidden' | '404 Not Found'): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * WebSocket upgrades: `/signal` goes to the local gateway (local mode only) when the page's Origin is this server's
 * own or an allowed shell's. Everything else is refused before the gateway sees it.
 */
export function createUpgradeHandler(gateway: Gateway | null, origins: OriginPolicy, log: (line: string) => void) {
  return (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    const pathname = new URL(request.url ?? '/', 'https://localhost').pathname;
    if (pathname !== '/signal' || !gateway) {
      refuse(socket, '404 Not Found');
      return;
    }
    const origin = request.headers.origin;
    if (!origins.allowsSignal(origin)) {
      log(`signal: refused a WebSocket from origin ${origin ?? ''}`);
      refuse(socket, '403 Forbidden');
      return;
    }
    gateway.handleUpgrade(request, socket, head);
  };
}
