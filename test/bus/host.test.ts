/**
 * The bus host: addressing by identity, one dispatcher per window, and cleanup.
 */
import { attachToBus } from '../../src/bus/host';
import { REGISTRY_KEY } from '../../src/bus/hostRegistry';
import { FakeSoftphoneService } from '../../src/contract/testing';
import { ListenerCountingTarget } from './support/listenerCountingTarget';

type Reply = { id: string; ok: boolean; instance?: string; error?: { code: string }; result?: unknown };

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('attachToBus', () => {
  let bus: ListenerCountingTarget;
  let replies: Reply[];
  beforeEach(() => {
    bus = new ListenerCountingTarget();
    replies = bus.record('softphone:reply') as Reply[];
  });

  async function send(detail: Record<string, unknown>): Promise<Reply[]> {
    const before = replies.length;
    bus.send('softphone:command', { v: 1, ...detail });
    await flush();
    return replies.slice(before);
  }

  describe('with two softphones on the page', () => {
    let alice: FakeSoftphoneService;
    let bob: FakeSoftphoneService;
    let detachers: Array<() => void>;
    beforeEach(() => {
      alice = new FakeSoftphoneService('alice');
      bob = new FakeSoftphoneService('bob');
      detachers = [attachToBus(alice, { target: bus }), attachToBus(bob, { target: bus })];
    });
    afterEach(() => detachers.forEach((detach) => detach()));

    it('answers an untargeted command once, with ambiguous_target, and runs nothing', async () => {
      expect(await send({ id: 'c1', type: 'hangupAll' })).toEqual([
        {
          v: 1,
          id: 'c1',
          ok: false,
          error: { code: 'ambiguous_target', message: expect.stringContaining('alice, bob') },
        },
      ]);
      expect([...alice.invocations, ...bob.invocations]).toEqual([]);
    });

    it('routes a targeted command to that softphone only, and says who answered', async () => {
      const [reply] = await send({ id: 'c2', type: 'dial', to: 'client:alice', target: 'bob' });
      expect(reply).toMatchObject({ id: 'c2', ok: true, instance: 'bob', result: { callSid: expect.any(String) } });
      expect(bob.invocations.map((i) => i.method)).toEqual(['dial']);
      expect(alice.invocations).toEqual([]);
    });

    it('answers unknown_target for an identity that is not on the page', async () => {
      expect(await send({ id: 'c3', type: 'register', target: 'carol' })).toEqual([
        { v: 1, id: 'c3', ok: false, error: { code: 'unknown_target', message: expect.any(String) } },
      ]);
    });

    it('labels a validation failure with the instance it was addressed to', async () => {
      expect(await send({ id: 'c4', type: 'sendDigits', digits: 'abc', target: 'alice' })).toEqual([
        {
          v: 1,
          id: 'c4',
          instance: 'alice',
          ok: false,
          error: { code: 'invalid_digits', message: expect.any(String) },
        },
      ]);
    });

    it('answers a state-request from every softphone, or only from its target', () => {
      const states = bus.record('softphone:state') as Array<{ instance: string }>;
      bus.send('softphone:state-request', { v: 1 });
      expect(states.map((s) => s.instance)).toEqual(['alice', 'bob']);
      bus.send('softphone:state-request', { v: 1, target: 'bob' });
      expect(states.map((s) => s.instance)).toEqual(['alice', 'bob', 'bob']);
      bus.send('softphone:state-request', { v: 1, target: 'nobody' });
      bus.send('softphone:state-request', { v: 2 });
      bus.send('softphone:state-request', 'please');
      expect(states).toHaveLength(3);
    });

    it('shares one command listener and one state-request listener between both', () => {
      expect(bus.listenerCount('softphone:command')).toBe(1);
      expect(bus.listenerCount('softphone:state-request')).toBe(1);
    });

    it('answers ambiguous_target when two softphones share the targeted identity', async () => {
      const twin = new FakeSoftphoneService('bob');
      detachers.push(attachToBus(twin, { target: bus }));
      expect(await send({ id: 'c5', type: 'register', target: 'bob' })).toMatchObject([
        { ok: false, error: { code: 'ambiguous_target' } },
      ]);
      expect(await send({ id: 'c6', type: 'register', target: 'alice' })).toMatchObject([
        { ok: true, instance: 'alice' },
      ]);
    });
  });

  it('routes an untargeted command to the only softphone', async () => {
    const alice = new FakeSoftphoneService('alice');
    const detach = attachToBus(alice, { target: bus });
    expect(await send({ id: 'solo', type: 'mute' })).toEqual([
      {
        v: 1,
        id: 'solo',
        instance: 'alice',
        ok: false,
        error: { code: 'no_active_call', message: expect.any(String) },
      },
    ]);
    detach();
  });

  it('does not answer when no softphone is on the page (the client times out)', async () => {
    expect(await send({ id: 'nobody-home', type: 'register' })).toEqual([]);
    const detach = attachToBus(new FakeSoftphoneService('alice'), { target: bus });
    detach();
    expect(await send({ id: 'gone', type: 'register' })).toEqual([]);
  });

  it('publishes state on attach and on every change, and events as they happen, each with its instance', () => {
    const states = bus.record('softphone:state') as Array<{ instance: string; device: { state: string } }>;
    const events = bus.record('softphone:event') as Array<{ instance: string; name: string }>;
    // A service whose own snapshots carry a stale instance name still publishes under its identity.
    const alice = new FakeSoftphoneService('alice', { instance: 'stale' });
    const detach = attachToBus(alice, { target: bus });
    expect(states.map((s) => s.instance)).toEqual(['alice']);
    alice.receiveIncomingCall('client:bob');
    expect(states).toHaveLength(2);
    expect(events).toEqual([expect.objectContaining({ instance: 'alice', name: 'incoming' })]);
    detach();
    alice.receiveIncomingCall('client:carol');
    expect(states).toHaveLength(2);
    expect(events).toHaveLength(1);
  });

  it('still sends the one reply when the service result cannot be serialised', async () => {
    const alice = new FakeSoftphoneService('alice');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    jest.spyOn(alice, 'dial').mockResolvedValueOnce(cyclic as never);
    const detach = attachToBus(alice, { target: bus });
    expect(await send({ id: 'cyc', type: 'dial', to: 'client:bob' })).toMatchObject([
      { id: 'cyc', ok: false, error: { code: 'internal_error' } },
    ]);
    detach();
  });

  it('leaves zero listeners and no registry after 1000 attach/detach cycles', () => {
    const services = [new FakeSoftphoneService('alice'), new FakeSoftphoneService('bob')];
    for (let i = 0; i < 1000; i += 1) {
      const detachers = services.map((service) => attachToBus(service, { target: bus }));
      if (i === 0) expect(bus.listenerCount()).toBe(2);
      detachers.forEach((detach) => {
        detach();
        detach(); // idempotent
      });
    }
    expect(bus.listenerCount()).toBe(0);
    expect(bus.addCalls).toBe(2000);
    expect(bus.removeCalls).toBe(2000);
    expect(services.map((s) => s.subscriberCount)).toEqual([0, 0]);
    expect(REGISTRY_KEY in bus).toBe(false);
  });

  it('shares the dispatcher with a second copy of the bus module on the same window', async () => {
    let attachFromOtherCopy: typeof attachToBus | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      attachFromOtherCopy = (require('../../src/bus/host') as { attachToBus: typeof attachToBus }).attachToBus;
    });
    expect(attachFromOtherCopy).toBeDefined();
    expect(attachFromOtherCopy).not.toBe(attachToBus);
    const detachAlice = attachToBus(new FakeSoftphoneService('alice'), { target: bus });
    const detachBob = attachFromOtherCopy!(new FakeSoftphoneService('bob'), { target: bus });
    expect(bus.listenerCount('softphone:command')).toBe(1);
    expect(await send({ id: 'x1', type: 'register' })).toMatchObject([{ error: { code: 'ambiguous_target' } }]);
    expect(await send({ id: 'x2', type: 'register', target: 'bob' })).toMatchObject([{ ok: true, instance: 'bob' }]);
    detachAlice();
    expect(await send({ id: 'x3', type: 'register' })).toMatchObject([{ ok: true, instance: 'bob' }]);
    detachBob();
    expect(bus.listenerCount()).toBe(0);
  });
});
