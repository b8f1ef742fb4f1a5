import net from 'node:net';
import tls from 'node:tls';
import type { RunningServer } from '../../../server/index';
import { fetchInsecure, start } from '../support';

const TLS_SOCKETS = 450;
const RAW_SOCKETS = 50;
const BATCH = 50;
const DEADLINE_MS = 15_000;

let server: RunningServer;
const opened: net.Socket[] = [];

beforeAll(async () => {
  server = await start();
});
afterAll(async () => {
  for (const socket of opened) socket.destroy();
  await server.close();
});

/** A TLS connection that completes its handshake and then never sends a request. */
function idleTls(port: number): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false, servername: 'localhost' }, () =>
      resolve(socket),
    );
    socket.once('error', reject);
  });
}

/** A TCP connection that never even starts the TLS handshake. */
function idleTcp(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

function closed(socket: net.Socket): Promise<void> {
  if (socket.destroyed || socket.readableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    socket.once('close', () => resolve());
    socket.on('error', () => undefined);
    socket.resume(); // read to the end: the server's close arrives as 'end' then 'close'
  });
}

test(`${TLS_SOCKETS + RAW_SOCKETS} sockets that never send a request are closed by the server within 15 s`, async () => {
  for (let i = 0; i < TLS_SOCKETS; i += BATCH) {
    opened.push(
      ...(await Promise.all(Array.from({ length: Math.min(BATCH, TLS_SOCKETS - i) }, () => idleTls(server.port)))),
    );
  }
  opened.push(...(await Promise.all(Array.from({ length: RAW_SOCKETS }, () => idleTcp(server.port)))));
  expect(opened).toHaveLength(TLS_SOCKETS + RAW_SOCKETS);
  // Counted from the moment all are open (opening 500 handshakes takes a while on a loaded machine).
  const startedAt = Date.now();

  const allClosed = Promise.all(opened.map(closed));
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), DEADLINE_MS).unref());
  await expect(Promise.race([allClosed.then(() => 'closed' as const), timeout])).resolves.toBe('closed');
  const elapsedMs = Date.now() - startedAt;
  expect(elapsedMs).toBeLessThan(DEADLINE_MS);
  console.log(`idle TLS/TCP sockets: ${TLS_SOCKETS + RAW_SOCKETS} closed ${elapsedMs} ms after the last opened`);

  // The server still serves requests afterwards.
  expect((await fetchInsecure(`${server.origin}/client-config`)).status).toBe(200);
}, 60_000);
