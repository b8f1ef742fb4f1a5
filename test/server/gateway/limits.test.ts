import { ConfigError, loadServerConfig } from '../../../server/config';
import { CallRegistry } from '../../../server/gateway/callRegistry';
import { GatewayError, TwilioCode } from '../../../server/gateway/errors';
import { DEFAULT_IDENTITY_LIMITS, IdentityLimits, type IdentityLimitsConfig } from '../../../server/gateway/limits';
import type { SignalingSession } from '../../../server/gateway/session';
import { SessionDirectory } from '../../../server/gateway/sessionDirectory';

const ECHO = '+14155550100';

function setup(config: Partial<IdentityLimitsConfig> = {}) {
  const directory = new SessionDirectory();
  const registry = new CallRegistry();
  let now = 1_000_000;
  const limits = new IdentityLimits({ ...DEFAULT_IDENTITY_LIMITS, ...config }, directory, registry, () => now);
  return {
    directory,
    registry,
    limits,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** A session as the directory and registry see it (they only read its identity). */
const sessionOf = (identity: string) => ({ identity }) as unknown as SignalingSession;

describe('invites per minute', () => {
  test('the caller is refused with 31206 after its limit, and admitted again once the minute has passed', () => {
    const { limits, advance } = setup({ invitesPerMinute: 3, callsPerIdentity: 100 });
    for (let i = 0; i < 3; i++) expect(limits.inviteRefusal('alice', ECHO)).toBeNull();
    const refusal = limits.inviteRefusal('alice', ECHO);
    expect(refusal).toEqual({
      code: TwilioCode.RateExceeded,
      message: '"alice" placed 3 calls in the last minute (limit 3)',
    });
    expect(limits.inviteRefusal('bob', ECHO)).toBeNull(); // per identity
    advance(59_000);
    expect(limits.inviteRefusal('alice', ECHO)?.code).toBe(31206);
    advance(1_001);
    expect(limits.inviteRefusal('alice', ECHO)).toBeNull();
  });

  test('refused invites do not count against the minute', () => {
    const { limits, advance } = setup({ invitesPerMinute: 2, callsPerIdentity: 100 });
    expect(limits.inviteRefusal('alice', ECHO)).toBeNull();
    advance(30_000);
    expect(limits.inviteRefusal('alice', ECHO)).toBeNull();
    for (let i = 0; i < 10; i++) expect(limits.inviteRefusal('alice', ECHO)).not.toBeNull();
    advance(30_001); // the first invite left the window
    expect(limits.inviteRefusal('alice', ECHO)).toBeNull();
  });
});

describe('concurrent calls', () => {
  test('a caller with its limit of live calls is refused (31206); a completed call frees a slot', () => {
    const { limits, registry } = setup({ callsPerIdentity: 2 });
    const calls = [1, 2].map((n) => {
      const call = registry.newCall(`CA${n}`, 'client:alice', ECHO, {});
      call.caller = registry.newLeg(call, 'caller', 'alice', sessionOf('alice'), `CA${n}`, `TJ${n}`);
      return call;
    });
    expect(limits.activeCalls('alice')).toBe(2);
    expect(limits.inviteRefusal('alice', ECHO)).toEqual({
      code: TwilioCode.RateExceeded,
      message: '"alice" already has 2 calls (limit 2)',
    });
    calls[0]!.status = 'completed';
    expect(limits.activeCalls('alice')).toBe(1);
    expect(limits.inviteRefusal('alice', ECHO)).toBeNull();
  });

  test('calls ringing an identity count for it: Devices get busy (31486), the control API 429', () => {
    const { limits, registry } = setup({ callsPerIdentity: 2 });
    registry.newCall('CA1', 'client:switchboard', 'client:bob', {});
    registry.newCall('CA2', 'client:switchboard', 'client:bob', {});
    expect(limits.activeCalls('bob')).toBe(2);
    expect(limits.inviteRefusal('alice', 'client:bob')).toEqual({
      code: TwilioCode.BusyHere,
      message: 'client:bob is busy (already on its limit of calls)',
    });
    expect(limits.inviteRefusal('alice', 'bob')?.code).toBe(31486);
    expect(limits.inviteRefusal('alice', 'carol')).toBeNull();
    let thrown: unknown;
    try {
      limits.admitServerCall('client:bob');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GatewayError);
    expect(thrown).toMatchObject({ code: 'too_many_calls', status: 429 });
    expect(() => limits.admitServerCall('client:carol')).not.toThrow();
    expect(() => limits.admitServerCall('+15005550006')).not.toThrow();
  });
});

describe('signalling sockets', () => {
  test('an identity at its limit of sockets is refused with 31206; others are not', () => {
    const { limits, directory } = setup({ socketsPerIdentity: 3 });
    for (let i = 0; i < 2; i++) directory.add(sessionOf('alice'), 'localhost');
    expect(limits.socketRefusal('alice')).toBeNull();
    directory.add(sessionOf('alice'), 'localhost');
    expect(limits.socketRefusal('alice')).toEqual({
      code: TwilioCode.RateExceeded,
      message: '"alice" already has 3 signalling connections (limit 3)',
    });
    expect(limits.socketRefusal('bob')).toBeNull();
  });
});

describe('configuration (LIMIT_* environment variables)', () => {
  test('defaults: 10 sockets, 4 calls, 30 invites per minute per identity', () => {
    expect(loadServerConfig({}).limits).toEqual({ socketsPerIdentity: 10, callsPerIdentity: 4, invitesPerMinute: 30 });
  });

  test('set from the environment', () => {
    const env = { LIMIT_SOCKETS_PER_IDENTITY: '3', LIMIT_CALLS_PER_IDENTITY: '1', LIMIT_INVITES_PER_MINUTE: '120' };
    expect(loadServerConfig(env).limits).toEqual({ socketsPerIdentity: 3, callsPerIdentity: 1, invitesPerMinute: 120 });
  });

  test.each([
    ['LIMIT_SOCKETS_PER_IDENTITY', '0'],
    ['LIMIT_CALLS_PER_IDENTITY', 'many'],
    ['LIMIT_INVITES_PER_MINUTE', '2.5'],
  ])('%s=%s is refused at start', (name, value) => {
    let thrown: unknown;
    try {
      loadServerConfig({ [name]: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).issues).toEqual([expect.stringContaining(name)]);
  });
});
