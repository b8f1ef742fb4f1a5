import { createHmac, generateKeyPairSync, sign as rsaSign } from 'node:crypto';
import twilio from 'twilio';
import { issueVoiceToken } from '../../../server/tokens/accessToken';
import { createVoiceTokenVerifier, verifyVoiceToken, type VoiceTokenKey } from '../../../server/tokens/verify';

const KEY: VoiceTokenKey = {
  secret: 'the-server-api-key-secret-0123456789',
  apiKeySid: 'SK' + 'a'.repeat(32),
  accountSid: 'AC' + 'b'.repeat(32),
};
const verify = createVoiceTokenVerifier(KEY);
const now = () => Math.floor(Date.now() / 1000);

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function payload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    jti: 'SKx-1',
    iss: KEY.apiKeySid,
    sub: KEY.accountSid,
    iat: now(),
    exp: now() + 600,
    grants: { identity: 'alice', voice: { incoming: { allow: true } } },
    ...overrides,
  };
}

/** A JWT with any header and payload, HMAC-signed with `secret` using `hash` (sha256 for HS256, sha512 for HS512). */
function hmacJwt(
  header: Record<string, unknown>,
  body: Record<string, unknown>,
  hash = 'sha256',
  secret = KEY.secret,
): string {
  const input = `${b64(header)}.${b64(body)}`;
  return `${input}.${createHmac(hash, secret).update(input).digest('base64url')}`;
}

test('a token this server issues is accepted, with identity and expiry', async () => {
  const token = issueVoiceToken(
    { ...KEY, apiKeySecret: KEY.secret, outgoingApplicationSid: 'AP' + 'c'.repeat(32) },
    'alice',
    3600,
  );
  const check = await verify(token);
  expect(check).toMatchObject({ ok: true, identity: 'alice' });
  expect(check.ok && check.expiresAt).toBeGreaterThan(Date.now() + 3590_000);
});

test('exactly 24 h of lifetime is accepted', async () => {
  expect(await verify(hmacJwt({ alg: 'HS256', typ: 'JWT' }, payload({ exp: now() + 86400 })))).toMatchObject({
    ok: true,
  });
});

describe('refused with 20101 semantics (reason "invalid")', () => {
  test.each([
    ['a 10-year exp', () => hmacJwt({ alg: 'HS256' }, payload({ exp: now() + 10 * 365 * 86400 }))],
    [
      'an iat in the far future (to stretch exp − iat)',
      () => hmacJwt({ alg: 'HS256' }, payload({ iat: now() + 9 * 365 * 86400, exp: now() + 9 * 365 * 86400 + 600 })),
    ],
    ['no iat', () => hmacJwt({ alg: 'HS256' }, payload({ iat: undefined }))],
    ['a foreign iss (another API key)', () => hmacJwt({ alg: 'HS256' }, payload({ iss: 'SK' + 'f'.repeat(32) }))],
    ['a foreign sub (another account)', () => hmacJwt({ alg: 'HS256' }, payload({ sub: 'AC' + 'f'.repeat(32) }))],
    ['no iss/sub', () => hmacJwt({ alg: 'HS256' }, payload({ iss: undefined, sub: undefined }))],
    ['alg none', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(payload())}.`],
    ['HS512', () => hmacJwt({ alg: 'HS512' }, payload(), 'sha512')],
    [
      'RS256',
      () => {
        const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
        const input = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(payload())}`;
        return `${input}.${rsaSign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
      },
    ],
    ['another secret', () => hmacJwt({ alg: 'HS256' }, payload(), 'sha256', 'not-the-server-secret')],
    ['no voice grant', () => hmacJwt({ alg: 'HS256' }, payload({ grants: { identity: 'alice' } }))],
    ['an invalid identity', () => hmacJwt({ alg: 'HS256' }, payload({ grants: { identity: 'has space', voice: {} } }))],
    ['an nbf in the future', () => hmacJwt({ alg: 'HS256' }, payload({ nbf: now() + 300 }))],
    ['garbage', () => 'garbage'],
  ])('%s', async (_name, make) => {
    expect(await verify(make())).toMatchObject({ ok: false, reason: 'invalid' });
  });
});

test('an expired token is "expired" (20104), checked right after the signature', async () => {
  // Like the gateway tests' hand-made expired token: no iss/sub, still 20104 rather than 20101.
  expect(
    await verify(
      hmacJwt({ alg: 'HS256' }, { iat: now() - 100, exp: now() - 10, grants: { identity: 'alice', voice: {} } }),
    ),
  ).toMatchObject({ ok: false, reason: 'expired' });
  const twilioToken = new twilio.jwt.AccessToken(KEY.accountSid, KEY.apiKeySid, KEY.secret, {
    identity: 'alice',
    ttl: 60,
  });
  twilioToken.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ incomingAllow: true }));
  expect(await verifyVoiceToken(twilioToken.toJwt('HS256'), KEY, () => Date.now() + 61_000)).toMatchObject({
    ok: false,
    reason: 'expired',
  });
});

test('a bare secret checks everything but iss/sub', async () => {
  const foreign = hmacJwt({ alg: 'HS256' }, payload({ iss: 'SK' + 'f'.repeat(32) }));
  expect(await verifyVoiceToken(foreign, KEY.secret)).toMatchObject({ ok: true });
  expect(
    await verifyVoiceToken(hmacJwt({ alg: 'HS256' }, payload({ exp: now() + 10 * 365 * 86400 })), KEY.secret),
  ).toMatchObject({ ok: false, reason: 'invalid' });
});
