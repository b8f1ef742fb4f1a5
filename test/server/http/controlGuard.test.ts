import twilio from 'twilio';
import type { RunningServer, ServerMediaFactory } from '../../../server/index';
import { SECRET, ScriptedClient, fetchInsecure, start } from '../support';

const OFFER = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';

let server: RunningServer;
let alice: ScriptedClient;
let peersCreated = 0;
/** A far end with a fixed offer: counts how often the gateway really started placing a call. */
const serverMedia: ServerMediaFactory = async () => {
  peersCreated += 1;
  return { offerSdp: OFFER, acceptAnswer: () => undefined };
};

function token(identity: string): string {
  const t = new twilio.jwt.AccessToken('AC' + '0'.repeat(32), 'SK' + '0'.repeat(32), SECRET, { identity, ttl: 600 });
  t.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ incomingAllow: true }));
  return t.toJwt('HS256');
}

beforeAll(async () => {
  server = await start({ serverMedia });
  alice = await ScriptedClient.connect(server);
  alice.send('listen', { token: token('alice'), browserinfo: {}, reconnectTimeout: 0 });
  await alice.next('connected');
  alice.send('register', { media: { audio: true } });
  await alice.next('ready');
});
afterAll(async () => {
  await alice.close();
  await server.close();
});

const placeCall = (headers: Record<string, string>, body = '{"to":"alice","from":"client:your-bank"}') =>
  fetchInsecure(`${server.origin}/control/calls`, { method: 'POST', body, headers });

function expectNothingPlaced(): void {
  expect(server.gateway.listCalls()).toEqual([]);
  expect(peersCreated).toBe(0);
  expect(alice.frames.filter((f) => f.type === 'invite')).toEqual([]);
}

describe('refused before the gateway acts', () => {
  test("a no-cors text/plain POST from another local origin (the issue's attack) → 403", async () => {
    const res = await placeCall({
      'content-type': 'text/plain',
      origin: 'https://localhost:9999',
      'sec-fetch-site': 'same-site',
    });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: 'forbidden_origin' } });
    expectNothingPlaced();
  });

  test('text/plain without Origin → 415', async () => {
    const res = await placeCall({ 'content-type': 'text/plain' });
    expect(res.status).toBe(415);
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: 'unsupported_media_type' } });
    expectNothingPlaced();
  });

  test('a form post → 415', async () => {
    expect((await placeCall({ 'content-type': 'application/x-www-form-urlencoded' }, 'to=alice')).status).toBe(415);
    expectNothingPlaced();
  });

  test.each(['https://evil.example.com', 'null', `http://localhost:PORT`])(
    'JSON from Origin %s → 403',
    async (origin) => {
      const res = await placeCall({
        'content-type': 'application/json',
        origin: origin.replace('PORT', String(server.port)),
      });
      expect(res.status).toBe(403);
      expectNothingPlaced();
    },
  );

  test('a cross-site fetch (Sec-Fetch-Site) even without Origin → 403', async () => {
    expect((await placeCall({ 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expectNothingPlaced();
  });

  test('a bodyless action from a foreign page (drop, signalling/stop) → 403 and nothing changes', async () => {
    const origin = 'https://evil.example.com';
    expect(
      (await fetchInsecure(`${server.origin}/control/devices/alice/drop`, { method: 'POST', headers: { origin } }))
        .status,
    ).toBe(403);
    expect(
      (await fetchInsecure(`${server.origin}/control/signalling/stop`, { method: 'POST', headers: { origin } })).status,
    ).toBe(403);
    expect(server.gateway.isSignallingEnabled).toBe(true);
    expect(server.gateway.registrations()).toEqual([expect.objectContaining({ identity: 'alice', registered: true })]);
  });
});

describe('still works for the demo and the tests', () => {
  afterEach(() => {
    for (const call of server.gateway.listCalls()) server.gateway.hangupCall(call.callSid);
    peersCreated = 0;
  });

  test("JSON from the page's own origin places the call", async () => {
    const res = await placeCall({
      'content-type': 'application/json',
      origin: `https://localhost:${server.port}`,
      'sec-fetch-site': 'same-origin',
    });
    expect(res.status).toBe(201);
    const { callSid } = JSON.parse(res.text) as { callSid: string };
    expect(server.gateway.listCalls()).toEqual([expect.objectContaining({ callSid, from: 'client:your-bank' })]);
    await alice.next('invite');
  });

  test('JSON without Origin (curl) places the call', async () => {
    expect((await placeCall({ 'content-type': 'application/json; charset=utf-8' })).status).toBe(201);
    expect(server.gateway.listCalls()).toHaveLength(1);
    await alice.next('invite');
  });
});
