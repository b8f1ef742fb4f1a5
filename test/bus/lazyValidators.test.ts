/**
 * The bus client's validators load lazily (src/bus/lazyValidators.ts): what arrives before they are there waits, in
 * arrival order, and nothing reaches a subscriber unvalidated. jest.isolateModules gives each test a registry in
 * which the validators are not loaded yet.
 */
import type * as ClientModule from '../../src/bus/client';
import type * as LazyModule from '../../src/bus/lazyValidators';
import { buildState } from '../../src/contract/testing';
import { ListenerCountingTarget } from './support/listenerCountingTarget';

function freshModules(): { client: typeof ClientModule; lazy: typeof LazyModule } {
  let modules: { client: typeof ClientModule; lazy: typeof LazyModule } | undefined;
  jest.isolateModules(() => {
    modules = {
      client: jest.requireActual<typeof ClientModule>('../../src/bus/client'),
      lazy: jest.requireActual<typeof LazyModule>('../../src/bus/lazyValidators'),
    };
  });
  return modules!;
}

function dispatch(bus: ListenerCountingTarget, name: string, detail: unknown): void {
  bus.dispatchEvent(new CustomEvent(name, { detail }));
}

describe('lazily loaded bus validators', () => {
  it('holds states that arrive before the validators load, then delivers the valid ones in order', async () => {
    const { client, lazy } = freshModules();
    const bus = new ListenerCountingTarget();
    const softphone = client.createSoftphoneClient({ window: bus });
    const seen: string[] = [];
    softphone.state$.subscribe({ next: (state) => seen.push(`${state.instance}:${state.calls.length}`) });
    expect(() => lazy.busValidators()).toThrow('not loaded');

    dispatch(bus, 'softphone:state', buildState({ instance: 'alice' }));
    dispatch(bus, 'softphone:state', { v: 1, instance: 'forged' }); // invalid: never delivered
    dispatch(bus, 'softphone:state', buildState({ instance: 'bob' }));
    expect(seen).toEqual([]);

    await lazy.loadBusValidators();
    await Promise.resolve();
    expect(seen).toEqual(['alice:0', 'bob:0']);
    dispatch(bus, 'softphone:state', buildState({ instance: 'carol' }));
    expect(seen).toEqual(['alice:0', 'bob:0', 'carol:0']); // loaded: synchronous again
    softphone.destroy();
  });

  it('settles a command whose reply arrived before the validators, and refuses a malformed result', async () => {
    const { client, lazy } = freshModules();
    const bus = new ListenerCountingTarget();
    bus.addEventListener('softphone:command', (event) => {
      const { id, type } = (event as CustomEvent<{ id: string; type: string }>).detail;
      const result = type === 'dial' ? { callSid: 'CA1' } : { muted: 'yes' };
      dispatch(bus, 'softphone:reply', { v: 1, id, instance: 'alice', ok: true, result });
    });
    const softphone = client.createSoftphoneClient({ window: bus });
    const dialled = softphone.dial('client:bob');
    const muted = softphone.mute(true);
    expect(() => lazy.busValidators()).toThrow('not loaded');
    await expect(dialled).resolves.toEqual({ callSid: 'CA1' });
    await expect(muted).rejects.toMatchObject({ code: 'internal_error' });
    softphone.destroy();
  });

  it('drops what waits for the validators once the listener is removed', async () => {
    const { client, lazy } = freshModules();
    const bus = new ListenerCountingTarget();
    const softphone = client.createSoftphoneClient({ window: bus });
    const seen: unknown[] = [];
    const subscription = softphone.state$.subscribe({ next: (state) => seen.push(state) });
    dispatch(bus, 'softphone:state', buildState({ instance: 'alice' }));
    subscription.unsubscribe();
    await lazy.loadBusValidators();
    await Promise.resolve();
    expect(seen).toEqual([]);
    softphone.destroy();
  });

  it('drops what waited when the validators fail to load, and tries again with the next message', async () => {
    let lazy: typeof LazyModule | undefined;
    let failures = 1;
    jest.isolateModules(() => {
      jest.doMock('../../src/bus/busValidators', () => {
        if (failures-- > 0) throw new Error('chunk failed to load');
        return jest.requireActual('../../src/bus/busValidators');
      });
      lazy = jest.requireActual<typeof LazyModule>('../../src/bus/lazyValidators');
    });
    const seen: unknown[] = [];
    const gate = lazy!.validatedHandler((input) => seen.push(lazy!.busValidators().SoftphoneStateSchema.parse(input)));
    gate.accept(buildState({ instance: 'alice' }));
    await expect(lazy!.loadBusValidators()).rejects.toThrow('chunk failed');
    await Promise.resolve();
    expect(seen).toEqual([]); // never delivered unchecked
    gate.accept(buildState({ instance: 'bob' }));
    await lazy!.loadBusValidators();
    await Promise.resolve();
    expect(seen).toEqual([expect.objectContaining({ instance: 'bob' })]);
    jest.dontMock('../../src/bus/busValidators');
  });
});
