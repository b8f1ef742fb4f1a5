/**
 * Fan-out cost: every client on a page reads the same dispatched `detail`, so it is validated once per page and
 * the clients share the (frozen) result. Invalid details are still refused by every client.
 */
import { createSoftphoneClient, type SoftphoneClient } from '../../src/bus/client';
import { attachToBus } from '../../src/bus/host';
import { BusEvents } from '../../src/contract/busEvents';
import { SoftphoneStateSchema, type SoftphoneState } from '../../src/contract/schemaState';
import { buildState, FakeSoftphoneService } from '../../src/contract/testing';
import { loadBusValidators } from '../../src/bus/lazyValidators';
import { ListenerCountingTarget } from './support/listenerCountingTarget';

describe('state fan-out to many clients', () => {
  // The validators are a lazy chunk (lazyValidators.ts, tested there): loaded, the client delivers synchronously.
  beforeAll(() => loadBusValidators());
  let bus: ListenerCountingTarget;
  let cleanup: Array<() => void>;
  beforeEach(() => {
    bus = new ListenerCountingTarget();
    cleanup = [];
  });
  afterEach(() => cleanup.reverse().forEach((fn) => fn()));

  function clientsSeeing(count: number): SoftphoneState[][] {
    return Array.from({ length: count }, () => {
      const client: SoftphoneClient = createSoftphoneClient({ window: bus });
      const states: SoftphoneState[] = [];
      const subscription = client.state$.subscribe({ next: (state) => states.push(state) });
      cleanup.push(() => {
        subscription.unsubscribe();
        client.destroy();
      });
      return states;
    });
  }

  it('validates each published state once and gives every client the same frozen snapshot', () => {
    const service = new FakeSoftphoneService('alice');
    cleanup.push(attachToBus(service, { target: bus }));
    const seen = clientsSeeing(5);
    const parse = jest.spyOn(SoftphoneStateSchema, 'safeParse');
    service.receiveIncomingCall('client:bob');
    const parses = parse.mock.calls.length;
    parse.mockRestore();

    expect(parses).toBe(1);
    const latest = seen.map((states) => states[states.length - 1]);
    expect(latest[0]?.calls).toHaveLength(1);
    for (const state of latest) expect(state).toBe(latest[0]);
    expect(Object.isFrozen(latest[0])).toBe(true);
    expect(Object.isFrozen(latest[0]?.calls[0])).toBe(true);
  });

  it('delivers an equal snapshot once however often it is published, and every change (A, B, then A again)', () => {
    const seen = clientsSeeing(3);
    const a = buildState({ instance: 'alice' });
    const b = buildState({
      instance: 'alice',
      calls: [],
      lastError: null,
      device: { ...a.device, isBusy: !a.device.isBusy },
    });
    for (const detail of [a, { ...a }, JSON.parse(JSON.stringify(a)), b, b, a])
      bus.dispatchEvent(new CustomEvent(BusEvents.state, { detail }));
    for (const states of seen) {
      expect(states.map((s) => s.device.isBusy)).toEqual([a.device.isBusy, b.device.isBusy, a.device.isBusy]);
      expect(states[0]).toBe(seen[0]?.[0]);
    }
  });

  it('still refuses an invalid state in every client', () => {
    const seen = clientsSeeing(3);
    const before = seen.map((states) => states.length);
    const { device: _dropped, ...invalid } = buildState({ instance: 'alice' });
    bus.dispatchEvent(new CustomEvent(BusEvents.state, { detail: invalid }));
    bus.dispatchEvent(new CustomEvent(BusEvents.state, { detail: buildState({ instance: 'alice' }) }));
    expect(seen.map((states) => states.length)).toEqual(before.map((n) => n + 1));
    for (const states of seen) expect(states[states.length - 1]?.instance).toBe('alice');
  });
});
