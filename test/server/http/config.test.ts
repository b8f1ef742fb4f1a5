import net from 'node:net';
import { ConfigError, loadServerConfig } from '../../../server/config';
import { startServer } from '../../../server/index';
import { TWILIO_ENV } from './twilioFixtures';

function issuesOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadServerConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
  return [];
}

const { TOKEN_AUTH_SECRET, TOKEN_AUTH_ISSUER, TOKEN_AUTH_AUDIENCE, ...twilioWithoutAuth } = TWILIO_ENV;

describe('Twilio mode fails loudly at start when it would be open', () => {
  test('no /token authentication configured', () => {
    expect(issuesOf(twilioWithoutAuth)).toEqual([expect.stringContaining('TOKEN_AUTH_JWKS_URL or TOKEN_AUTH_SECRET')]);
  });

  test('no TWILIO_AUTH_TOKEN or PUBLIC_URL (the webhook could not be checked)', () => {
    const { TWILIO_AUTH_TOKEN: _token, PUBLIC_URL: _url, ...env } = TWILIO_ENV;
    const issues = issuesOf(env);
    expect(issues).toEqual(
      expect.arrayContaining([expect.stringContaining('TWILIO_AUTH_TOKEN'), expect.stringContaining('PUBLIC_URL')]),
    );
  });

  test('only some of the Twilio credentials (no silent fallback to local mode)', () => {
    expect(issuesOf({ TWILIO_ACCOUNT_SID: TWILIO_ENV.TWILIO_ACCOUNT_SID })).toEqual(
      expect.arrayContaining([expect.stringContaining('missing TWILIO_API_KEY')]),
    );
  });

  test('startServer rejects with every problem listed and listens nowhere', async () => {
    const port = await freePort();
    await expect(startServer({ port, quiet: true, env: twilioWithoutAuth })).rejects.toThrow(
      /Refusing to start[\s\S]*TOKEN_AUTH/,
    );
    await expect(connects(port)).resolves.toBe(false);
  });

  test('the complete fake configuration passes', () => {
    expect(loadServerConfig(TWILIO_ENV)).toMatchObject({
      mode: { kind: 'twilio' },
      tokenAuth: {
        issuer: TOKEN_AUTH_ISSUER,
        audience: TOKEN_AUTH_AUDIENCE,
        identityClaim: 'sub',
        algorithms: ['HS256'],
      },
    });
    expect(TOKEN_AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
  });
});

describe('every value is validated', () => {
  test.each([
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://shell.example.com/path' }, 'CORS_ORIGINS'],
    [{ FRAME_ANCESTORS: 'javascript:alert(1)' }, 'FRAME_ANCESTORS'],
    [{ DIAL_ALLOWED_COUNTRIES: 'US,XX' }, 'DIAL_ALLOWED_COUNTRIES'],
    [{ DIAL_BLOCKED_PREFIXES: '1900' }, 'DIAL_BLOCKED_PREFIXES'],
    [{ PORT: '70000' }, 'PORT'],
    [{ TOKEN_TTL: '172800' }, 'TOKEN_TTL'],
    [{ TOKEN_AUTH_JWKS_URL: 'http://idp.example.com/jwks' }, 'TOKEN_AUTH_JWKS_URL'],
    [{ TOKEN_AUTH_SECRET: 'short' }, 'TOKEN_AUTH_SECRET'],
    [{ TWILIO_CALLER_ID: '555-1234' }, 'TWILIO_CALLER_ID'],
  ])('%j is refused', (env, variable) => {
    expect(issuesOf(env)).toEqual(expect.arrayContaining([expect.stringContaining(variable)]));
  });

  test('a shared secret with a JWKS algorithm, or both key sources, is refused', () => {
    expect(issuesOf({ ...TWILIO_ENV, TOKEN_AUTH_ALGORITHMS: 'RS256' })).toEqual([
      expect.stringContaining('TOKEN_AUTH_ALGORITHMS'),
    ]);
    expect(issuesOf({ ...TWILIO_ENV, TOKEN_AUTH_JWKS_URL: 'https://idp.example.com/jwks' })).toEqual(
      expect.arrayContaining([expect.stringContaining('exactly one')]),
    );
    expect(issuesOf({ ...TWILIO_ENV, TOKEN_AUTH_ALGORITHMS: 'none' })).toEqual([
      expect.stringContaining('TOKEN_AUTH_ALGORITHMS'),
    ]);
  });
});

describe('local mode', () => {
  test('stays open on loopback, with defaults', () => {
    expect(loadServerConfig({})).toMatchObject({
      mode: { kind: 'local' },
      host: 'localhost',
      port: 9000,
      tokenAuth: null,
      warnings: [],
      dialPolicy: { allowedCountries: ['US', 'CA'], blockedPrefixes: ['+1900', '+1976'] },
    });
  });

  test('a HOST that is not loopback gets a loud warning', () => {
    expect(loadServerConfig({ HOST: '0.0.0.0' }).warnings).toEqual([
      expect.stringMatching(/HOST=0\.0\.0\.0 is not loopback.*unauthenticated \/token/),
    ]);
  });

  test('token authentication, when configured, applies in local mode too', () => {
    expect(loadServerConfig({ TOKEN_AUTH_SECRET, TOKEN_AUTH_ISSUER, TOKEN_AUTH_AUDIENCE }).tokenAuth).toMatchObject({
      key: { kind: 'secret' },
    });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
