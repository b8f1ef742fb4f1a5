import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunningServer } from '../../../server/index';
import { verifyVoiceToken } from '../../../server/tokens/verify';
import { SECRET, fetchInsecure, getJson, start } from '../support';

let server: RunningServer;
let staticDir: string;

beforeAll(async () => {
  staticDir = mkdtempSync(path.join(tmpdir(), 'h1-static-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>shell</title>');
  writeFileSync(path.join(staticDir, 'app.js'), 'export {};');
  server = await start({ staticDir, tokenTtlSeconds: 900 });
});
afterAll(() => server.close());

describe('GET /token', () => {
  test('issues a verifiable voice token for a valid identity', async () => {
    const res = await getJson(server, '/token?identity=alice.smith%40example');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ identity: 'alice.smith@example', ttl: 900 });
    const check = await verifyVoiceToken(res.body.token, SECRET);
    expect(check).toMatchObject({ ok: true, identity: 'alice.smith@example' });
  });

  test('clamps ttl to 5..86400', async () => {
    expect((await getJson(server, '/token?identity=a&ttl=1')).body.ttl).toBe(5);
    expect((await getJson(server, '/token?identity=a&ttl=999999')).body.ttl).toBe(86400);
  });

  test.each(['', 'has space', 'x'.repeat(122), 'semi;colon'])('rejects identity %j with 400 JSON', async (identity) => {
    const res = await getJson(server, `/token?identity=${encodeURIComponent(identity)}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'invalid_identity', message: expect.any(String) });
  });

  test('rejects a non-numeric ttl', async () => {
    expect((await getJson(server, '/token?identity=a&ttl=soon')).status).toBe(400);
  });
});

test('GET /client-config points the Device at this origin with local sounds and no ICE servers', async () => {
  const res = await getJson(server, '/client-config');
  const host = `localhost:${server.port}`;
  expect(res.body).toMatchObject({
    mode: 'local',
    tokenUrl: '/token',
    device: { chunderw: host, eventgw: host, rtcConfiguration: { iceServers: [] } },
  });
  expect(Object.keys(res.body.device.sounds).sort()).toEqual(
    [
      'incoming',
      'outgoing',
      'disconnect',
      'dtmf0',
      'dtmf1',
      'dtmf2',
      'dtmf3',
      'dtmf4',
      'dtmf5',
      'dtmf6',
      'dtmf7',
      'dtmf8',
      'dtmf9',
      'dtmfs',
      'dtmfh',
    ].sort(),
  );
  expect(res.body.device.sounds.incoming).toBe(`https://${host}/sounds/incoming.wav`);
});

test('every sound is a valid PCM WAV with audible samples', async () => {
  const { body } = await getJson(server, '/client-config');
  for (const url of Object.values(body.device.sounds) as string[]) {
    const res = await fetchInsecure(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    const wav = res.raw;
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.toString('ascii', 8, 12)).toBe('WAVE');
    expect(wav.readUInt16LE(20)).toBe(1);
    expect(wav.readUInt32LE(40)).toBe(wav.length - 44);
    let peak = 0;
    for (let i = 44; i < wav.length; i += 2) peak = Math.max(peak, Math.abs(wav.readInt16LE(i)));
    expect(peak).toBeGreaterThan(1000);
  }
  expect((await fetchInsecure(`${server.origin}/sounds/nope.wav`)).status).toBe(404);
});

test('insights posts are accepted locally, including the CORS preflight', async () => {
  expect((await fetchInsecure(`${server.origin}/v4/EndpointEvents`, { method: 'POST', body: '{}' })).status).toBe(204);
  const pre = await fetchInsecure(`${server.origin}/insights`, {
    method: 'OPTIONS',
    headers: { origin: `https://localhost:${server.port}` },
  });
  expect(pre.status).toBe(204);
  expect(pre.headers.get('access-control-allow-headers')).toContain('X-Twilio-Token');
});

describe('static files', () => {
  test('serves index.html at / and files with their content type', async () => {
    const index = await fetchInsecure(`${server.origin}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect((await fetchInsecure(`${server.origin}/app.js`)).headers.get('content-type')).toContain('text/javascript');
  });

  test.each(['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/%00'])(
    'refuses traversal %s',
    async (p) => {
      expect((await fetchInsecure(`${server.origin}${p}`)).status).toBe(404);
    },
  );
});

describe('control API input', () => {
  test('malformed JSON → 400', async () => {
    const res = await getJson(server, '/control/calls', { method: 'POST', body: '{oops' });
    expect(res).toMatchObject({ status: 400, body: { error: { code: 'invalid_json' } } });
  });
  test('missing fields → 400', async () => {
    expect((await getJson(server, '/control/calls', { method: 'POST', body: '{}' })).status).toBe(400);
  });
  test('calling an identity with no Device → 404 not_registered', async () => {
    const res = await getJson(server, '/control/calls', { method: 'POST', body: JSON.stringify({ to: 'bob' }) });
    expect(res).toMatchObject({ status: 404, body: { error: { code: 'not_registered' } } });
  });
  test('unknown call → 404; malformed sid → 400', async () => {
    expect((await getJson(server, `/control/calls/CA${'0'.repeat(32)}`, { method: 'DELETE' })).status).toBe(404);
    expect(
      (await getJson(server, '/control/calls/nope/messages', { method: 'POST', body: '{"content":"x"}' })).status,
    ).toBe(400);
  });
  test('oversized body → 413', async () => {
    const res = await getJson(server, '/control/calls', {
      method: 'POST',
      body: JSON.stringify({ to: 'x'.repeat(100_000) }),
    });
    expect(res.status).toBe(413);
  });
  test('unknown device → 404, bad identity → 400, unknown route → 404, wrong method → 405', async () => {
    expect((await getJson(server, '/control/devices/ghost/drop', { method: 'POST' })).status).toBe(404);
    expect((await getJson(server, '/control/devices/bad%20id/drop', { method: 'POST' })).status).toBe(400);
    expect((await getJson(server, '/control/nothing')).status).toBe(404);
    expect((await getJson(server, '/control/registrations', { method: 'POST' })).status).toBe(405);
  });
  test('the server still answers after all of that', async () => {
    expect((await getJson(server, '/control/registrations')).body).toEqual({ registrations: [] });
  });
});
