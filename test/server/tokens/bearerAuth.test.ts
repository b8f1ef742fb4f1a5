import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { createHmac } from 'node:crypto';
import type { RunningServer } from '../../../server/index';
import { createBearerVerifier, type BearerAuthConfig } from '../../../server/tokens/bearerAuth';
import { fetchInsecure, start } from '../support';
import { TWILIO_ENV } from '../http/twilioFixtures';

const ISSUER = 'https://idp.example.com/';
const AUDIENCE = 'switchboard';
let jwks: Server;
let jwksUrl: URL;
let privateKey: CryptoKey;
let publicJwk: JWK;
let publicPem: string;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  publicPem = await exportSPKI(pair.publicKey);
  // The host's identity provider, on loopback: serves its public keys as a JWKS.
  jwks = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [publicJwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
  jwksUrl = new URL(`http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`);
});
afterAll(() => new Promise<void>((resolve) => jwks.close(() => resolve())));

const config = (): BearerAuthConfig => ({
  key: { kind: 'jwks', url: jwksUrl },
  issuer: ISSUER,
  audience: AUDIENCE,
  identityClaim: 'sub',
  algorithms: ['RS256', 'ES256'],
});

function rsBearer(subject: string, issuer = ISSUER): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
    .setSubject(subject)
    .setIssuer(issuer)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('2m')
    .sign(privateKey);
}

test('a bearer signed by the JWKS key is accepted; the identity is its claim', async () => {
  expect(await createBearerVerifier(config())(`Bearer ${await rsBearer('alice')}`)).toEqual({
    ok: true,
    identity: 'alice',
  });
});

test('the wrong issuer or a token without exp is refused', async () => {
  const verify = createBearerVerifier(config());
  expect(await verify(`Bearer ${await rsBearer('alice', 'https://other-idp.example.com/')}`)).toMatchObject({
    ok: false,
    status: 401,
  });
  const noExp = await new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
    .setSubject('alice')
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .sign(privateKey);
  expect(await verify(`Bearer ${noExp}`)).toMatchObject({ ok: false, status: 401 });
});

test('algorithm confusion: HS256 "signed" with the public key is refused', async () => {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', kid: 'key-1' })).toString('base64url');
  const body = Buffer.from(
    JSON.stringify({ sub: 'alice', iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 60 }),
  ).toString('base64url');
  const forged = `${header}.${body}.${createHmac('sha256', publicPem).update(`${header}.${body}`).digest('base64url')}`;
  expect(await createBearerVerifier(config())(`Bearer ${forged}`)).toMatchObject({ ok: false, status: 401 });
});

test("an unreachable JWKS is the server's problem: 503, not a forged 200 or a 401", async () => {
  const down = createServer();
  await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
  const url = new URL(`http://127.0.0.1:${(down.address() as AddressInfo).port}/jwks`);
  await new Promise<void>((resolve) => down.close(() => resolve()));
  const verify = createBearerVerifier({ ...config(), key: { kind: 'jwks', url } });
  expect(await verify(`Bearer ${await rsBearer('alice')}`)).toMatchObject({
    ok: false,
    status: 503,
    code: 'auth_unavailable',
  });
});

describe('Twilio mode with TOKEN_AUTH_JWKS_URL', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const { TOKEN_AUTH_SECRET: _unused, ...env } = TWILIO_ENV;
    server = await start({
      env: { ...env, TOKEN_AUTH_JWKS_URL: jwksUrl.href, TOKEN_AUTH_ISSUER: ISSUER, TOKEN_AUTH_AUDIENCE: AUDIENCE },
    });
  });
  afterAll(() => server.close());

  test('/token issues for the JWKS-verified subject and refuses anything else', async () => {
    const ok = await fetchInsecure(`${server.origin}/token?identity=mallory`, {
      headers: { authorization: `Bearer ${await rsBearer('bob')}` },
    });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text)).toMatchObject({ identity: 'bob' });
    const bad = await fetchInsecure(`${server.origin}/token`, {
      headers: { authorization: `Bearer ${await rsBearer('bob', 'https://evil.example.com/')}` },
    });
    expect(bad.status).toBe(401);
  });
});
