/** server/tokens on its own: the access tokens /token issues and the check the local gateway applies to them. */
import twilio from 'twilio';
import {
  clampTtl,
  issueVoiceToken,
  MAX_TTL_SECONDS,
  MIN_TTL_SECONDS,
  type TokenCredentials,
} from '../../../server/tokens/accessToken';
import { isValidIdentity } from '../../../server/tokens/identity';
import { verifyVoiceToken } from '../../../server/tokens/verify';

const credentials: TokenCredentials = {
  accountSid: 'AC' + '1'.repeat(32),
  apiKeySid: 'SK' + '2'.repeat(32),
  apiKeySecret: 'unit-test-secret',
  outgoingApplicationSid: 'AP' + '3'.repeat(32),
};

describe('issueVoiceToken + verifyVoiceToken', () => {
  it('a token verifies with its secret, for its identity, until it expires', async () => {
    const issuedAt = Date.now();
    const token = issueVoiceToken(credentials, 'agent@acme', 600);
    const check = await verifyVoiceToken(token, credentials.apiKeySecret);
    expect(check).toEqual({ ok: true, identity: 'agent@acme', expiresAt: expect.any(Number) });
    const { expiresAt } = check as { expiresAt: number };
    expect(expiresAt).toBeGreaterThanOrEqual(Math.floor(issuedAt / 1000) * 1000 + 600_000);
    expect(expiresAt).toBeLessThanOrEqual(issuedAt + 602_000);
    expect(await verifyVoiceToken(token, credentials.apiKeySecret, () => expiresAt + 1000)).toMatchObject({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuses a token signed with another secret, garbage, and a token without a voice grant', async () => {
    const token = issueVoiceToken(credentials, 'alice', 600);
    expect(await verifyVoiceToken(token, 'another-secret')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(await verifyVoiceToken('not.a.jwt', credentials.apiKeySecret)).toMatchObject({
      ok: false,
      reason: 'invalid',
    });
    const noGrant = new twilio.jwt.AccessToken(
      credentials.accountSid,
      credentials.apiKeySid,
      credentials.apiKeySecret,
      { identity: 'alice', ttl: 600 },
    );
    expect(await verifyVoiceToken(noGrant.toJwt('HS256'), credentials.apiKeySecret)).toEqual({
      ok: false,
      reason: 'invalid',
      message: 'Access token has no voice grant',
    });
  });
});

describe('clampTtl', () => {
  it.each([
    [1, MIN_TTL_SECONDS],
    [59.6, 60],
    [3600, 3600],
    [1e9, MAX_TTL_SECONDS],
    [Number.NaN, MAX_TTL_SECONDS],
  ])('%p s → %p s', (ttl, clamped) => {
    expect(clampTtl(ttl)).toBe(clamped);
  });
});

describe('isValidIdentity', () => {
  it.each(['alice', 'agent@acme', 'agent+1@acme.example', 'x'.repeat(121)])('accepts %p', (identity) => {
    expect(isValidIdentity(identity)).toBe(true);
  });

  it.each(['', 'a b', '<script>', 'x'.repeat(122), 'é', 42, null])('refuses %p', (identity) => {
    expect(isValidIdentity(identity)).toBe(false);
  });
});
