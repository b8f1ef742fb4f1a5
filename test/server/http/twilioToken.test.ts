import type { RunningServer } from '../../../server/index';
import { verifyVoiceToken } from '../../../server/tokens/verify';
import { fetchInsecure, start } from '../support';
import { TWILIO_ENV, bearerFor, decodePayload } from './twilioFixtures';

let server: RunningServer;
beforeAll(async () => {
  server = await start({ env: { ...TWILIO_ENV, TOKEN_RATE_LIMIT: '40' } });
});
afterAll(() => server.close());

async function getToken(query: string, authorization?: string) {
  const res = await fetchInsecure(`${server.origin}/token${query}`, {
    headers: authorization ? { authorization } : {},
  });
  return {
    status: res.status,
    headers: res.headers,
    body: JSON.parse(res.text) as Record<string, unknown> & { error?: { code: string } },
  };
}

describe('GET /token in Twilio mode', () => {
  test('without a bearer → 401 with a Bearer challenge, and no token', async () => {
    const res = await getToken('?identity=alice');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(res.body).toEqual({ error: { code: 'missing_bearer', message: expect.any(String) } });
  });

  test.each([
    ['signed with another secret', () => bearerFor('alice', { secret: 'somebody-else-s-secret-of-enough-length' })],
    ['from another issuer', () => bearerFor('alice', { issuer: 'https://evil.example.com/' })],
    ['for another audience', () => bearerFor('alice', { audience: 'another-app' })],
    ['expired', () => bearerFor('alice', { expiresIn: Math.floor(Date.now() / 1000) - 60 })],
    ['with an algorithm we do not accept', () => bearerFor('alice', { alg: 'HS512' })],
    [
      'unsigned (alg none)',
      async () => {
        const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
        const now = Math.floor(Date.now() / 1000);
        const payload = Buffer.from(
          JSON.stringify({
            sub: 'alice',
            iss: TWILIO_ENV.TOKEN_AUTH_ISSUER,
            aud: TWILIO_ENV.TOKEN_AUTH_AUDIENCE,
            iat: now,
            exp: now + 300,
          }),
        ).toString('base64url');
        return `${header}.${payload}.`;
      },
    ],
    ['garbage', async () => 'not.a.jwt'],
  ])('a bearer %s → 401', async (_name, make) => {
    const res = await getToken('?identity=alice', `Bearer ${await make()}`);
    expect(res.status).toBe(401);
    expect(res.body.token).toBeUndefined();
    expect(res.body.error?.code).toMatch(/^(invalid_token|expired_token|missing_bearer)$/);
  });

  test("a valid bearer gets a Twilio token for the claim's identity, whatever ?identity= says", async () => {
    const res = await getToken('?identity=mallory', `Bearer ${await bearerFor('alice')}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({ identity: 'alice', ttl: 3600 });
    const token = res.body.token as string;
    expect(decodePayload(token)).toMatchObject({
      iss: TWILIO_ENV.TWILIO_API_KEY,
      sub: TWILIO_ENV.TWILIO_ACCOUNT_SID,
      grants: { identity: 'alice' },
    });
    const key = {
      secret: TWILIO_ENV.TWILIO_API_SECRET,
      apiKeySid: TWILIO_ENV.TWILIO_API_KEY,
      accountSid: TWILIO_ENV.TWILIO_ACCOUNT_SID,
    };
    expect(await verifyVoiceToken(token, key)).toMatchObject({ ok: true, identity: 'alice' });
  });

  test("ttl=30 days is capped to Twilio's 24 h maximum", async () => {
    const res = await getToken(`?ttl=${86400 * 30}`, `Bearer ${await bearerFor('alice')}`);
    expect(res.body.ttl).toBe(86400);
    const payload = decodePayload(res.body.token as string) as { iat: number; exp: number };
    expect(payload.exp - payload.iat).toBe(86400);
  });

  test('a bearer whose identity claim is no valid Twilio identity → 403', async () => {
    const res = await getToken('', `Bearer ${await bearerFor('has space')}`);
    expect(res).toMatchObject({ status: 403, body: { error: { code: 'invalid_identity' } } });
  });

  test('repeated attempts are rate limited (429) before any verification', async () => {
    let status = 0;
    for (let i = 0; i < 60 && status !== 429; i += 1) status = (await getToken('', 'Bearer x.y.z')).status;
    expect(status).toBe(429);
    const limited = await getToken('', `Bearer ${await bearerFor('alice')}`);
    expect(limited).toMatchObject({ status: 429, body: { error: { code: 'rate_limited' } } });
    expect(limited.headers.get('retry-after')).toEqual(expect.any(String));
  });
});

test('the identity comes from the configured claim', async () => {
  const custom = await start({ env: { ...TWILIO_ENV, TOKEN_AUTH_IDENTITY_CLAIM: 'https://example.com/agent' } });
  try {
    const jwt = await bearerFor('auth0|123', { claims: { 'https://example.com/agent': 'agent.smith' } });
    const res = await fetchInsecure(`${custom.origin}/token?identity=alice`, {
      headers: { authorization: `Bearer ${jwt}` },
    });
    expect(JSON.parse(res.text)).toMatchObject({ identity: 'agent.smith' });
  } finally {
    await custom.close();
  }
});
