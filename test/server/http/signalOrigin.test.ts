import WebSocket from 'ws';
import type { RunningServer } from '../../../server/index';
import { start } from '../support';

const SHELL = 'https://shell.example.com';
let server: RunningServer;
beforeAll(async () => {
  server = await start({ env: { CORS_ORIGINS: SHELL } });
});
afterAll(() => server.close());

/** Opens /signal with (or without) an Origin header; resolves with the HTTP status of a refusal or 101 on success. */
function upgrade(origin: string | undefined, path = '/signal'): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`wss://localhost:${server.port}${path}`, {
      rejectUnauthorized: false,
      ...(origin !== undefined && { origin }),
    });
    ws.once('open', () => {
      ws.close();
      resolve(101);
    });
    ws.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', (error) => {
      if (ws.readyState !== WebSocket.CLOSED) reject(error);
    });
  });
}

test('a page on a foreign origin cannot open /signal', async () => {
  expect(await upgrade('https://evil.example.com')).toBe(403);
  expect(await upgrade(`https://localhost:${server.port + 1}`)).toBe(403);
  expect(await upgrade('null')).toBe(403);
});

test("the server's own page, a listed shell and non-browser clients (no Origin) can", async () => {
  expect(await upgrade(`https://localhost:${server.port}`)).toBe(101);
  expect(await upgrade(`https://127.0.0.1:${server.port}`)).toBe(101);
  expect(await upgrade(SHELL)).toBe(101);
  expect(await upgrade(undefined)).toBe(101);
});

test('other upgrade paths are 404', async () => {
  expect(await upgrade(undefined, '/other')).toBe(404);
});
