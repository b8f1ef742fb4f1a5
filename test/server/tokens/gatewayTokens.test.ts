import { createHmac } from 'node:crypto';
import type { RunningServer } from '../../../server/index';
import { SECRET, ScriptedClient, start } from '../support';

/** The fake SIDs local mode signs its own tokens with (server/config.ts). */
const LOCAL = { accountSid: 'AC' + '0'.repeat(32), apiKeySid: 'SK' + '0'.repeat(32) };
const now = () => Math.floor(Date.now() / 1000);

function localToken(overrides: Record<string, unknown>): string {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const body = {
    iss: LOCAL.apiKeySid,
    sub: LOCAL.accountSid,
    iat: now(),
    exp: now() + 600,
    grants: { identity: 'alice', voice: {} },
    ...overrides,
  };
  const input = `${header}.${Buffer.from(JSON.stringify(body)).toString('base64url')}`;
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
}

let server: RunningServer;
const clients: ScriptedClient[] = [];
beforeAll(async () => {
  server = await start();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(() => server.close());

async function listen(token: string) {
  const client = await ScriptedClient.connect(server);
  clients.push(client);
  client.send('listen', { token, browserinfo: {}, reconnectTimeout: 0 });
  return client;
}

test('the running gateway accepts a correctly signed local token', async () => {
  expect((await (await listen(localToken({}))).next('connected')).payload).toMatchObject({
    token: { identity: 'alice' },
  });
});

test.each([
  ['a 10-year exp', { exp: now() + 10 * 365 * 86400 }],
  ['a foreign iss', { iss: 'SK' + '9'.repeat(32) }],
  ['a foreign sub', { sub: 'AC' + '9'.repeat(32) }],
])('the running gateway refuses a token with %s (20101), correctly signed or not', async (_name, overrides) => {
  const client = await listen(localToken(overrides));
  expect((await client.next('error')).payload['error']).toMatchObject({ code: 20101 });
  expect(server.gateway.registrations()).toEqual([]);
});
