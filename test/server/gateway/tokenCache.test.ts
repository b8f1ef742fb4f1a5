/** Verified tokens are remembered by their exact string until `exp`; refusals are never remembered. */
import { cachingTokenVerifier } from '../../../server/gateway/tokenCache';
import type { TokenCheck } from '../../../server/tokens/verify';

function countingVerifier(results: Record<string, TokenCheck>) {
  const calls: string[] = [];
  const verify = async (token: string): Promise<TokenCheck> => {
    calls.push(token);
    return results[token] ?? { ok: false, reason: 'invalid', message: 'unknown token' };
  };
  return { verify, calls };
}

test('an accepted token is verified once until it expires, then again (and its refusal passed on)', async () => {
  let now = 1_000_000;
  const results: Record<string, TokenCheck> = { good: { ok: true, identity: 'alice', expiresAt: 1_060_000 } };
  const { verify, calls } = countingVerifier(results);
  const cached = cachingTokenVerifier(verify, { now: () => now });
  await expect(cached('good')).resolves.toEqual({ ok: true, identity: 'alice', expiresAt: 1_060_000 });
  await expect(cached('good')).resolves.toMatchObject({ ok: true, identity: 'alice' });
  expect(calls).toEqual(['good']);
  now = 1_060_000;
  results['good'] = { ok: false, reason: 'expired', message: 'Access token expired' };
  await expect(cached('good')).resolves.toMatchObject({ ok: false, reason: 'expired' });
  await expect(cached('good')).resolves.toMatchObject({ ok: false, reason: 'expired' });
  expect(calls).toEqual(['good', 'good', 'good']);
});

test('refused tokens and tokens differing in one character are verified every time', async () => {
  const { verify, calls } = countingVerifier({
    'a.b.c': { ok: true, identity: 'bob', expiresAt: Date.now() + 60_000 },
  });
  const cached = cachingTokenVerifier(verify);
  await cached('a.b.c');
  await expect(cached('a.b.d')).resolves.toMatchObject({ ok: false });
  await expect(cached('a.b.d')).resolves.toMatchObject({ ok: false });
  await cached('a.b.c');
  expect(calls).toEqual(['a.b.c', 'a.b.d', 'a.b.d']);
});

test('beyond maxEntries the oldest accepted token is forgotten first', async () => {
  const expiresAt = Date.now() + 60_000;
  const { verify, calls } = countingVerifier({
    t1: { ok: true, identity: 'a', expiresAt },
    t2: { ok: true, identity: 'b', expiresAt },
    t3: { ok: true, identity: 'c', expiresAt },
  });
  const cached = cachingTokenVerifier(verify, { maxEntries: 2 });
  for (const token of ['t1', 't2', 't3', 't3', 't2', 't1']) await cached(token);
  expect(calls).toEqual(['t1', 't2', 't3', 't1']);
});
