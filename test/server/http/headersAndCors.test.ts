import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunningServer } from '../../../server/index';
import { fetchInsecure, start } from '../support';

const SHELL = 'https://shell.example.com';
const STRANGER = 'https://stranger.example.com';
let server: RunningServer;
let staticDir: string;

function makeStaticDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'h13-static-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>shell</title>');
  writeFileSync(path.join(dir, 'switchboard-softphone.js'), 'System.register([], function () { return {}; });');
  writeFileSync(path.join(dir, 'twilio-voice-sdk.1234abcd.js'), 'System.register([], function () { return {}; });');
  writeFileSync(path.join(dir, 'switchboard-softphone.js.map'), '{"version":3}');
  return dir;
}

beforeAll(async () => {
  staticDir = makeStaticDir();
  server = await start({ staticDir, env: { CORS_ORIGINS: `${SHELL}, https://other-shell.example.com:8443` } });
});
afterAll(() => server.close());

const get = (route: string, headers: Record<string, string> = {}) =>
  fetchInsecure(`${server.origin}${route}`, { headers });

function csp(headers: Map<string, string>): Map<string, string> {
  const policy = headers.get('content-security-policy') ?? '';
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(' ')[0] ?? '', d.slice(d.indexOf(' ') + 1)]),
  );
}

describe('security headers', () => {
  test.each(['/', '/switchboard-softphone.js', '/token?identity=alice', '/nothing-here'])('on %s', async (route) => {
    const res = await get(route);
    expect(res.headers.get('strict-transport-security')).toMatch(/^max-age=\d+/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-powered-by')).toBeUndefined();
    const directives = csp(res.headers);
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'self'");
    expect(directives.get('connect-src')).toContain(`https://eventgw.localhost:${server.port}`);
  });

  test('FRAME_ANCESTORS lets a shell embed the page (CSP decides, no conflicting X-Frame-Options)', async () => {
    const framed = await start({ staticDir, env: { FRAME_ANCESTORS: "'self' https://portal.example.com" } });
    try {
      const res = await fetchInsecure(`${framed.origin}/`);
      expect(csp(res.headers).get('frame-ancestors')).toBe("'self' https://portal.example.com");
      expect(res.headers.get('x-frame-options')).toBeUndefined();
    } finally {
      await framed.close();
    }
  });

  test('source maps are served in local mode', async () => {
    expect((await get('/switchboard-softphone.js.map')).status).toBe(200);
  });
});

describe('CORS allow-list (CORS_ORIGINS)', () => {
  test.each([
    '/switchboard-softphone.js',
    '/twilio-voice-sdk.1234abcd.js',
    '/token?identity=alice',
    '/client-config',
    '/sounds/incoming.wav',
    '/sounds/dtmf1.wav',
  ])('an allowed shell gets Access-Control-Allow-Origin on %s; a stranger does not', async (route) => {
    const allowed = await get(route, { origin: SHELL });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(SHELL);
    expect(allowed.headers.get('vary')).toMatch(/Origin/);
    const stranger = await get(route, { origin: STRANGER });
    expect(stranger.headers.get('access-control-allow-origin')).toBeUndefined();
    expect(stranger.headers.get('vary')).toMatch(/Origin/);
  });

  test('the second listed origin (with a port) is allowed too; never a wildcard', async () => {
    const res = await get('/switchboard-softphone.js', { origin: 'https://other-shell.example.com:8443' });
    expect(res.headers.get('access-control-allow-origin')).toBe('https://other-shell.example.com:8443');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  test('the token preflight allows the bearer header for listed shells only', async () => {
    const preflight = (origin: string) =>
      fetchInsecure(`${server.origin}/token`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    const ok = await preflight(SHELL);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(SHELL);
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    expect((await preflight(STRANGER)).headers.get('access-control-allow-origin')).toBeUndefined();
  });

  test('the demo page and the control API get no CORS at all', async () => {
    expect((await get('/', { origin: SHELL })).headers.get('access-control-allow-origin')).toBeUndefined();
    expect(
      (await get('/control/registrations', { origin: SHELL })).headers.get('access-control-allow-origin'),
    ).toBeUndefined();
  });
});
