import {
  createFetchTokenProvider,
  decodeJwtExpiry,
  backoffDelay,
  tokenExpiresAt,
  type FetchLike,
} from '../../src/voice/token';
import { flush, setup, started } from './support/harness';
import { fakeTwilioError, makeJwt } from './support/fakeTwilio';

const HOUR_MS = 3_600_000;
const MARGIN_MS = 30_000;

beforeEach(() => {
  // Microtasks stay real: the doubles and the service use them for ordering, not for time.
  jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'], now: new Date('2026-01-01T00:00:00Z') });
});
afterEach(() => {
  jest.useRealTimers();
});

async function advance(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
  await flush();
}

describe('token refresh', () => {
  it('refreshes tokenRefreshMs before the JWT expires and applies the new token to the Device', async () => {
    const h = await started();
    const firstExpiry = h.state().device.tokenExpiresAt!;
    expect(firstExpiry).toBe(Date.now() + HOUR_MS);

    await advance(HOUR_MS - MARGIN_MS - 1);
    expect(h.tokens.calls).toBe(1);
    await advance(1);
    expect(h.tokens.calls).toBe(2);
    expect(h.twilio.device.updatedTokens).toEqual([h.tokens.issued[1]]);
    expect(h.state().device.tokenExpiresAt).toBe(Date.now() + HOUR_MS);
  });

  it('keeps refreshing from the exp timer when tokenWillExpire never fires again (twilio-voice.js#93)', async () => {
    const h = await started();
    for (let i = 0; i < 3; i++) await advance(HOUR_MS - MARGIN_MS);
    expect(h.tokens.calls).toBe(4);
    expect(h.twilio.device.updatedTokens).toEqual(h.tokens.issued.slice(1));
  });

  it('refreshes on tokenWillExpire when it comes first, once per token', async () => {
    const h = await started();
    await advance(HOUR_MS - 5 * 60_000);
    h.twilio.device.simulateTokenWillExpire();
    h.twilio.device.simulateTokenWillExpire();
    await flush();
    expect(h.tokens.calls).toBe(2);
    expect(h.twilio.device.updatedTokens).toHaveLength(1);

    // The timer that was armed for the replaced token must not fire a second refresh.
    await advance(5 * 60_000);
    expect(h.tokens.calls).toBe(2);
    // A stale tokenWillExpire for the replaced token is ignored too.
    h.twilio.device.simulateTokenWillExpire();
    await flush();
    expect(h.tokens.calls).toBe(2);
  });

  it('ignores tokenWillExpire that arrives right after a timer refresh (whichever comes first wins)', async () => {
    const h = await started();
    await advance(HOUR_MS - MARGIN_MS);
    expect(h.tokens.calls).toBe(2);
    h.twilio.device.simulateTokenWillExpire();
    await flush();
    expect(h.tokens.calls).toBe(2);
  });

  it('retries failures with exponential backoff and jitter, shows each failure, and clears it on recovery', async () => {
    const h = await started({ tokenRetryBaseMs: 1000, tokenRetryMaxMs: 60_000 });
    h.tokens.failures = 3;
    await advance(HOUR_MS - MARGIN_MS);
    expect(h.tokens.calls).toBe(2);
    expect(h.state().lastError).toMatchObject({ code: 'token_error', source: 'token', severity: 'transient' });
    expect(h.state().lastError?.explanation).toMatch(/HTTP 503.*attempt 1/);

    // random() = 0.5 → delay = d/2 + d/4 with d = 1 s, 2 s, 4 s.
    await advance(749);
    expect(h.tokens.calls).toBe(2);
    await advance(1);
    expect(h.tokens.calls).toBe(3);
    expect(h.state().lastError?.explanation).toMatch(/attempt 2/);
    await advance(1500);
    expect(h.tokens.calls).toBe(4);
    expect(h.state().lastError?.explanation).toMatch(/attempt 3/);
    await advance(2999);
    expect(h.tokens.calls).toBe(4);
    await advance(1);
    expect(h.tokens.calls).toBe(5);
    expect(h.state().lastError).toBeNull();
    expect(h.twilio.device.updatedTokens).toEqual([h.tokens.issued[1]]);
  });

  it('retries the first token during start and creates the Device once one arrives', async () => {
    const h = setup({}, ({ tokens }) => {
      tokens.failures = 2;
    });
    const starting = h.service.start();
    await flush();
    expect(h.twilio.devices).toHaveLength(0);
    expect(h.state().device.state).toBe('initializing');
    expect(h.state().lastError).toMatchObject({ source: 'token' });
    await advance(750 + 1500);
    await starting;
    expect(h.twilio.devices).toHaveLength(1);
    expect(h.state().lastError).toBeNull();
    expect(h.state().device.state).toBe('registered');
  });

  it('refreshes at once when the gateway reports the token expired, and clears the error once the new token is applied', async () => {
    const h = await started();
    h.twilio.device.simulateError(fakeTwilioError(20104, 'Access Token expired'));
    expect(h.state().lastError).toMatchObject({ code: 20104, severity: 'blocking' });
    await flush();
    expect(h.tokens.calls).toBe(2);
    expect(h.twilio.device.updatedTokens).toEqual([h.tokens.issued[1]]);
    // Recovered: a blocking "token expired" must not stay on screen (the SDK emits no `registered` after updateToken).
    expect(h.state().lastError).toBeNull();
    expect(h.state().device.state).toBe('registered');
  });

  it('shows the expiry again when the gateway refuses the refreshed token too', async () => {
    const h = await started();
    h.twilio.device.simulateError(fakeTwilioError(31205, 'JWT token expired'));
    await flush();
    expect(h.state().lastError).toBeNull();
    h.twilio.device.simulateError(fakeTwilioError(31205, 'JWT token expired'));
    expect(h.state().lastError).toMatchObject({ code: 31205, severity: 'blocking' });
  });

  it('a token refresh leaves errors it cannot fix in place', async () => {
    const h = await started();
    h.twilio.device.simulateError(fakeTwilioError(31009, 'Transport unavailable'));
    await advance(HOUR_MS - MARGIN_MS);
    expect(h.twilio.device.updatedTokens).toHaveLength(1);
    expect(h.state().lastError).toMatchObject({ code: 31009 });
  });

  it('stops retrying and leaves no timer when destroyed mid-retry', async () => {
    const h = setup({}, ({ tokens }) => {
      tokens.failures = 100;
    });
    const starting = h.service.start();
    await advance(10_000);
    expect(jest.getTimerCount()).toBe(1);
    h.service.destroy();
    await expect(starting).rejects.toMatchObject({ code: 'not_ready' });
    expect(jest.getTimerCount()).toBe(0);
    const calls = h.tokens.calls;
    await advance(HOUR_MS);
    expect(h.tokens.calls).toBe(calls);
  });
});

describe('token helpers', () => {
  it('decodes exp from a JWT without verifying it', () => {
    expect(decodeJwtExpiry(makeJwt({ exp: 1_800_000_000 }))).toBe(1_800_000_000_000);
    expect(decodeJwtExpiry(makeJwt({ sub: 'no exp' }))).toBeNull();
    expect(decodeJwtExpiry('not-a-jwt')).toBeNull();
    expect(decodeJwtExpiry('a.%%%.c')).toBeNull();
  });

  it('falls back to ttl when the token carries no exp', () => {
    expect(tokenExpiresAt({ identity: 'a', token: 'opaque', ttl: 60 }, 1000)).toBe(61_000);
  });

  it('backs off exponentially up to the cap, with jitter between half and all of the delay', () => {
    expect([1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, 1000, 8000, () => 0))).toEqual([
      500, 1000, 2000, 4000, 4000, 4000,
    ]);
    expect([1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, 1000, 8000, () => 1))).toEqual([
      1000, 2000, 4000, 8000, 8000, 8000,
    ]);
  });

  describe('the default fetch token provider', () => {
    const reply =
      (status: number, body: unknown): FetchLike =>
      async () => ({ ok: status < 400, status, json: async () => body });

    it('GETs tokenUrl with the identity and validates the answer', async () => {
      const urls: string[] = [];
      const provider = createFetchTokenProvider(
        '/token',
        async (url) => {
          urls.push(url);
          return { ok: true, status: 200, json: async () => ({ identity: 'alice', token: 'jwt', ttl: 3600 }) };
        },
        'https://localhost:9000/app/',
      );
      await expect(provider('alice')).resolves.toEqual({ identity: 'alice', token: 'jwt', ttl: 3600 });
      expect(urls).toEqual(['https://localhost:9000/token?identity=alice']);
    });

    it('refuses HTTP errors, malformed bodies and tokens for someone else', async () => {
      await expect(createFetchTokenProvider('/token', reply(500, {}), 'https://x/')('alice')).rejects.toThrow(
        /HTTP 500/,
      );
      await expect(
        createFetchTokenProvider('/token', reply(200, { token: 42 }), 'https://x/')('alice'),
      ).rejects.toThrow(/unexpected body/);
      await expect(
        createFetchTokenProvider('/token', reply(200, { identity: 'bob', token: 't', ttl: 60 }), 'https://x/')('alice'),
      ).rejects.toThrow(/bob/);
    });
  });
});
