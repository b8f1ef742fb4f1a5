/**
 * Issue 14, client rules over the SDK double: token lifecycle, serialised register/unregister, a state that
 * never claims more than the gateway would do, the registration watchdog, the unload guard, host tokens.
 */
import { CloseGuard, type BeforeUnloadLike } from '../../src/voice/closeGuard';
import { refreshDelay } from '../../src/voice/tokenRefresher';
import { createFetchTokenProvider, createHostTokenProvider, type FetchLike } from '../../src/voice/token';
import { VoiceServiceConfigSchema } from '../../src/voice/config';
import { buildState, buildCall } from '../../src/contract/testing';
import { flush, setup, started } from './support/harness';
import { FakeMediaDevices, FakePermissions, FakeTwilio, fakeTwilioError, makeJwt } from './support/fakeTwilio';
import { createVoiceService } from '../../src/voice/createVoiceService';

beforeEach(() => {
  jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'], now: new Date('2026-01-01T00:00:00Z') });
});
afterEach(() => {
  jest.useRealTimers();
});

async function advance(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
  await flush();
}

describe('token refresh schedule', () => {
  it('refreshes at max(ttl − margin, ttl / 2, 5 s)', () => {
    expect(refreshDelay(3_600_000, 30_000)).toBe(3_570_000);
    expect(refreshDelay(30_000, 30_000)).toBe(15_000);
    expect(refreshDelay(10_000, 30_000)).toBe(5_000);
    // Very short TTLs: the 5 s floor never leaves less than 2 s before expiry.
    expect(refreshDelay(6_000, 4_000)).toBe(4_000);
    expect(refreshDelay(4_000, 30_000)).toBe(2_000);
  });

  it('TTL 10 s with tokenRefreshMs 30 s: at most 2 fetches per TTL, never a storm', async () => {
    const h = await started({}, ({ tokens }) => {
      tokens.ttl = 10;
    });
    await advance(100_000);
    // 1 initial + one refresh every 5 s.
    expect(h.tokens.calls).toBe(21);
    expect(h.tokens.calls / (100 / 10)).toBeLessThanOrEqual(2.1);
    expect(h.twilio.device.updatedTokens).toHaveLength(20);
  });
});

describe('auth failures', () => {
  it.each([20101, 20104, 31202, 31203, 31204, 31205, 31206, 31207])(
    '%i fetches one new token at once and applies it',
    async (code) => {
      const h = await started();
      h.twilio.device.simulateError(fakeTwilioError(code));
      await flush();
      expect(h.tokens.calls).toBe(2);
      expect(h.twilio.device.updatedTokens).toEqual([h.tokens.issued[1]]);
    },
  );

  it('further failures in a row back off with jitter; a confirmed registration starts over', async () => {
    const h = await started({ tokenRetryBaseMs: 1000, tokenRetryMaxMs: 8000 });
    h.twilio.device.simulateError(fakeTwilioError(20101));
    await flush();
    expect(h.tokens.calls).toBe(2);
    h.twilio.device.simulateError(fakeTwilioError(20101));
    await flush();
    expect(h.tokens.calls).toBe(2);
    // random() = 0.5 → 750 ms for the first backoff step.
    await advance(749);
    expect(h.tokens.calls).toBe(2);
    await advance(1);
    expect(h.tokens.calls).toBe(3);
    h.twilio.device.simulateError(fakeTwilioError(20101));
    await advance(1499);
    expect(h.tokens.calls).toBe(3);
    await advance(1);
    expect(h.tokens.calls).toBe(4);

    h.twilio.device.simulateSignalingOffline();
    h.twilio.device.simulateSdkReRegistered();
    h.twilio.device.simulateError(fakeTwilioError(20101));
    await flush();
    expect(h.tokens.calls).toBe(5);
  });

  it('says reconnecting (not registered) from the refusal until a new token is applied, with lastError shown', async () => {
    const h = await started();
    h.tokens.failures = 2;
    h.twilio.device.simulateError(fakeTwilioError(20104));
    await flush();
    expect(h.state().device.state).toBe('reconnecting');
    expect(h.state().lastError).not.toBeNull();
    await advance(750);
    expect(h.state().device.state).toBe('reconnecting');
    await advance(1500);
    expect(h.state().device.state).toBe('registered');
    expect(h.state().lastError).toBeNull();
  });
});

describe('register / unregister are serialised', () => {
  it('unregister then register back to back ends registered, 20 of 20', async () => {
    for (let trial = 0; trial < 20; trial++) {
      const h = await started();
      const replies = await Promise.allSettled([h.service.unregister(), h.service.register()]);
      expect(replies.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
      expect(h.twilio.device.state).toBe('registered');
      expect(h.state().device.state).toBe('registered');
      expect(h.twilio.device.unregisterCalls).toBe(1);
      h.service.destroy();
    }
  });

  it('register then unregister ends unregistered; the last intent wins', async () => {
    const h = setup({ autoRegister: false });
    await h.service.start();
    await Promise.all([h.service.register(), h.service.unregister()]);
    expect(h.twilio.device.state).toBe('unregistered');
    expect(h.state().device.state).toBe('unregistered');
  });

  it('a repeated register joins the one queued last (one SDK register)', async () => {
    const h = setup({ autoRegister: false });
    await h.service.start();
    await Promise.all([h.service.register(), h.service.register(), h.service.register()]);
    expect(h.twilio.device.registerCalls).toBe(1);
  });

  it('a registration the SDK makes by itself after the user unregistered is undone', async () => {
    const h = await started();
    h.twilio.device.simulateSignalingOffline();
    await h.service.unregister();
    h.twilio.device.simulateSdkReRegistered();
    await flush();
    expect(h.twilio.device.state).toBe('unregistered');
    expect(h.state().device.state).toBe('unregistered');
  });
});

describe('state never lies', () => {
  it('a lost signaling socket is reconnecting, not unregistered; the next registration is confirmed in state', async () => {
    const h = await started();
    const confirmed = h.state().device.registrationConfirmedAt;
    expect(confirmed).toBe(Date.now());
    await advance(3000);
    h.twilio.device.simulateSignalingOffline();
    expect(h.state().device.state).toBe('reconnecting');
    h.twilio.device.simulateSdkReRegistered();
    expect(h.state().device.state).toBe('registered');
    expect(h.state().device.registrationConfirmedAt).toBe(confirmed! + 3000);
  });

  it('after the user unregisters, unregistered is unregistered', async () => {
    const h = await started();
    await h.service.unregister();
    expect(h.state().device.state).toBe('unregistered');
  });

  it('an outgoing call the gateway cancels (its caller socket dropped while ringing) closes with an error', async () => {
    const h = await started();
    const { callSid } = await h.service.dial('client:bob');
    const call = h.twilio.device.activeCall!;
    call.simulateRinging('CA0000000000000000000000000000cafe');
    call.simulateCancel();
    const state = h.state().calls.find((c) => c.sid === callSid);
    expect(state).toMatchObject({ status: 'closed', endReason: 'error' });
    expect(h.state().lastError).toMatchObject({ code: 31005, source: 'call', callSid });
    expect(h.twilio.device.activeCall).toBeNull();
    await expect(h.service.dial('client:bob')).resolves.toMatchObject({ callSid: expect.any(String) });
  });
});

describe('registration watchdog', () => {
  it('leaves a Device alone while its socket is down (the SDK re-registers by itself)', async () => {
    const h = await started({ watchdogIntervalMs: 1000 });
    h.twilio.device.simulateSignalingOffline();
    await advance(10_000);
    expect(h.twilio.device.registerCalls).toBe(1);
    expect(h.state().device.state).toBe('reconnecting');
  });

  it('registers a Device the SDK left unregistered with its socket up for two ticks', async () => {
    const h = await started({ watchdogIntervalMs: 1000 });
    h.twilio.device.simulateSignalingOffline();
    h.twilio.device.simulateSignalingConnected();
    await advance(1000);
    expect(h.twilio.device.registerCalls).toBe(1);
    await advance(1000);
    expect(h.twilio.device.registerCalls).toBe(2);
    expect(h.state().device.state).toBe('registered');
  });

  it('re-registers a registration that may be stale after the page resumes from a freeze', async () => {
    const h = await started({ watchdogIntervalMs: 1000 });
    document.dispatchEvent(new Event('resume'));
    await flush();
    expect(h.twilio.device.unregisterCalls).toBe(1);
    expect(h.twilio.device.registerCalls).toBe(2);
    expect(h.state().device.state).toBe('registered');
  });

  it('a tick that comes far too late (timers stopped: frozen page) re-registers', async () => {
    let now = Date.now();
    const h = await started({ watchdogIntervalMs: 1000 }, () => undefined);
    // The harness clock is the fake timer clock: jump it as a frozen page would, then let the tick fire.
    now += 60_000;
    jest.setSystemTime(now);
    await advance(1000);
    expect(h.twilio.device.unregisterCalls).toBe(1);
    expect(h.twilio.device.registerCalls).toBe(2);
  });

  it('does nothing while the user wants to be unregistered, and stops on destroy', async () => {
    const h = await started({ watchdogIntervalMs: 1000 });
    await h.service.unregister();
    await advance(5000);
    expect(h.twilio.device.registerCalls).toBe(1);
    h.service.destroy();
    expect(jest.getTimerCount()).toBe(0);
  });
});

describe('close protection', () => {
  function guardFor(status: 'ringing' | 'pending' | 'open' | 'closed', protection: boolean | string = true) {
    const listeners: Array<(event: BeforeUnloadLike) => void> = [];
    const target = {
      addEventListener: (_type: 'beforeunload', l: (event: BeforeUnloadLike) => void) => listeners.push(l),
      removeEventListener: (_type: 'beforeunload', l: (event: BeforeUnloadLike) => void) =>
        listeners.splice(listeners.indexOf(l), 1),
    };
    const state = buildState({ calls: [buildCall({ status, direction: 'incoming' })] });
    const guard = new CloseGuard(target, protection, () => state);
    guard.start();
    const unload = (): BeforeUnloadLike & { prevented: boolean } => {
      const event = { prevented: false, returnValue: undefined as unknown, preventDefault: () => undefined };
      event.preventDefault = () => {
        event.prevented = true;
      };
      listeners.forEach((l) => l(event));
      return event;
    };
    return { guard, listeners, unload };
  }

  it('is on by default', () => {
    expect(VoiceServiceConfigSchema.parse({ identity: 'alice' }).closeProtection).toBe(true);
  });

  it.each(['ringing', 'pending', 'open'] as const)('asks before unload while a call is %s', (status) => {
    const event = guardFor(status).unload();
    expect(event.prevented).toBe(true);
    expect(event.returnValue).toMatch(/call/);
  });

  it('lets the page go without a live call, uses a custom message, and detaches on stop', () => {
    expect(guardFor('closed').unload().prevented).toBe(false);
    expect(guardFor('ringing', 'Hang up first?').unload().returnValue).toBe('Hang up first?');
    const off = guardFor('ringing', false);
    expect(off.listeners).toHaveLength(0);
    const on = guardFor('ringing');
    on.guard.stop();
    expect(on.listeners).toHaveLength(0);
  });
});

describe('host tokens (getToken, tokenRequest)', () => {
  const jwt = (ttl: number) => makeJwt({ exp: Math.floor(Date.now() / 1000) + ttl, grants: { identity: 'alice' } });

  it('accepts a string JWT or { token, ttl? }', async () => {
    const token = jwt(600);
    await expect(createHostTokenProvider(async () => token)('alice')).resolves.toEqual({
      identity: 'alice',
      token,
      ttl: 600,
    });
    await expect(createHostTokenProvider(async () => ({ token, ttl: 120 }))('alice')).resolves.toMatchObject({
      ttl: 120,
    });
    await expect(createHostTokenProvider(async () => ({ token: 'opaque', ttl: 60 }))('alice')).resolves.toMatchObject({
      token: 'opaque',
      ttl: 60,
    });
  });

  it.each([[42], [null], [{}], [{ token: '' }], [{ token: 'x', ttl: -1 }], ['opaque-without-exp']])(
    'refuses %p as a token_error',
    async (value) => {
      // No tokenProvider injected: the service builds its provider from the getToken prop.
      const service = createVoiceService(
        { identity: 'alice', getToken: async () => value as string },
        {
          deviceFactory: new FakeTwilio('alice').factory,
          mediaDevices: new FakeMediaDevices(),
          permissions: new FakePermissions('granted'),
          page: null,
        },
      );
      const starting = service.start();
      await flush();
      expect(service.getState().lastError).toMatchObject({ code: 'token_error', source: 'token' });
      service.destroy();
      await starting.catch(() => undefined);
    },
  );

  it('a getToken that is not a function is an invalid prop', () => {
    expect(VoiceServiceConfigSchema.safeParse({ identity: 'alice', getToken: 'nope' }).success).toBe(false);
    expect(VoiceServiceConfigSchema.safeParse({ identity: 'alice', getToken: async () => 'x' }).success).toBe(true);
  });

  it('tokenRequest sets the fetch credentials and headers (accept stays JSON)', async () => {
    const seen: Array<Parameters<FetchLike>[1]> = [];
    const fetchFn: FetchLike = async (_url, init) => {
      seen.push(init);
      return { ok: true, status: 200, json: async () => ({ identity: 'alice', token: jwt(600), ttl: 600 }) };
    };
    const provider = createFetchTokenProvider('/token', fetchFn, 'https://host.example/', {
      credentials: 'include',
      headers: { 'X-CSRF': 'abc', accept: 'text/html' },
    });
    await provider('alice');
    expect(seen[0]).toEqual({ credentials: 'include', headers: { 'X-CSRF': 'abc', accept: 'application/json' } });
    expect(
      VoiceServiceConfigSchema.safeParse({ identity: 'alice', tokenRequest: { credentials: 'always' } }).success,
    ).toBe(false);
    expect(
      VoiceServiceConfigSchema.safeParse({ identity: 'alice', tokenRequest: { headers: { 'bad name': 'x' } } }).success,
    ).toBe(false);
  });
});
