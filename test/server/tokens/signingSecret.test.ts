import { createHmac } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadOrCreateSigningSecret } from '../../../server/tokens/signingSecret';
import { startServer, type RunningServer } from '../../../server/index';
import { ScriptedClient, fetchInsecure } from '../support';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-secret-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('the local signing secret is made once, kept owner-readable, and the same after a restart', async () => {
  const first = await loadOrCreateSigningSecret(dir);
  expect(first).toMatch(/^[0-9a-f]{64}$/);
  expect((await stat(path.join(dir, 'signing-secret'))).mode & 0o777).toBe(0o600);
  expect(await loadOrCreateSigningSecret(dir)).toBe(first);
});

test('a malformed file is replaced', async () => {
  await writeFile(path.join(dir, 'signing-secret'), 'short');
  const secret = await loadOrCreateSigningSecret(dir);
  expect(secret).toMatch(/^[0-9a-f]{64}$/);
  expect((await readFile(path.join(dir, 'signing-secret'), 'utf8')).trim()).toBe(secret);
});

test('a token issued before a server restart is accepted after it (no SWITCHBOARD_SIGNING_SECRET)', async () => {
  const options = { port: 0, quiet: true, env: {}, staticDir: __dirname, certDir: dir };
  const before = await startServer(options);
  const issued = (await fetchToken(before.origin)).token;
  await before.close();
  const after = await startServer(options);
  try {
    const { token } = await fetchToken(after.origin);
    // Same secret on both sides: the two tokens verify with the same key.
    expect(await verifiesWith(after, issued)).toBe(true);
    expect(await verifiesWith(after, token)).toBe(true);
  } finally {
    await after.close();
  }
});

test('SWITCHBOARD_SIGNING_SECRET wins over the kept secret', async () => {
  const kept = await loadOrCreateSigningSecret(dir);
  const env = { SWITCHBOARD_SIGNING_SECRET: 'from-the-environment-0123456789' };
  const server = await startServer({ port: 0, quiet: true, env, staticDir: __dirname, certDir: dir });
  try {
    const { token } = await fetchToken(server.origin);
    const [header, payload, signature] = token.split('.');
    const sign = (key: string) => createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url');
    expect(signature).toBe(sign(env.SWITCHBOARD_SIGNING_SECRET));
    expect(signature).not.toBe(sign(kept));
  } finally {
    await server.close();
  }
});

async function fetchToken(origin: string): Promise<{ token: string }> {
  const response = await fetchInsecure(`${origin}/token?identity=alice`);
  return JSON.parse(response.text) as { token: string };
}

/** Opens /signal with the token, like the SDK's first `listen`: `connected` means the gateway accepted it. */
async function verifiesWith(server: RunningServer, token: string): Promise<boolean> {
  const client = await ScriptedClient.connect(server);
  try {
    client.send('listen', { token });
    const reply = await Promise.race([client.next('connected'), client.next('error')]);
    return reply.type === 'connected';
  } finally {
    await client.close();
  }
}
