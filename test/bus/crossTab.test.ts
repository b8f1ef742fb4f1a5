/**
 * The optional BroadcastChannel mirror. jsdom has no BroadcastChannel, so a small in-memory one that
 * behaves like the browser's (asynchronous delivery of a copy to every *other* open channel object of
 * the same name) stands in for it.
 */
import { CROSS_TAB_CHANNEL, listenToOtherTabs } from '../../src/bus/crossTab';
import { attachToBus } from '../../src/bus/host';
import { buildState, FakeSoftphoneService } from '../../src/contract/testing';
import { ListenerCountingTarget } from './support/listenerCountingTarget';

class MemoryBroadcastChannel {
  static open = new Set<MemoryBroadcastChannel>();
  onmessage: ((event: MessageEvent) => void) | null = null;
  constructor(readonly name: string) {
    MemoryBroadcastChannel.open.add(this);
  }
  postMessage(data: unknown): void {
    if (!MemoryBroadcastChannel.open.has(this)) throw new Error('InvalidStateError: channel is closed');
    const copy = JSON.parse(JSON.stringify(data)) as unknown;
    for (const other of MemoryBroadcastChannel.open) {
      if (other !== this && other.name === this.name)
        setTimeout(() => other.onmessage?.({ data: copy } as MessageEvent), 0);
    }
  }
  close(): void {
    MemoryBroadcastChannel.open.delete(this);
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('cross-tab mirror', () => {
  beforeEach(() => {
    Object.defineProperty(globalThis, 'BroadcastChannel', {
      value: MemoryBroadcastChannel,
      configurable: true,
      writable: true,
    });
  });
  afterEach(() => {
    delete (globalThis as { BroadcastChannel?: unknown }).BroadcastChannel;
    MemoryBroadcastChannel.open.clear();
  });

  it('is off unless asked for', () => {
    const detach = attachToBus(new FakeSoftphoneService('alice'), { target: new ListenerCountingTarget() });
    expect(MemoryBroadcastChannel.open.size).toBe(0);
    detach();
  });

  it('posts every state and event to the switchboard-softphone channel, and closes it on detach', async () => {
    const otherTab = new MemoryBroadcastChannel(CROSS_TAB_CHANNEL);
    const received: unknown[] = [];
    otherTab.onmessage = (event) => received.push(event.data);
    const alice = new FakeSoftphoneService('alice');
    const detach = attachToBus(alice, { target: new ListenerCountingTarget(), broadcast: true });
    const sid = alice.receiveIncomingCall('client:bob');
    await tick();
    expect(received).toEqual([
      {
        v: 1,
        tab: expect.any(String),
        kind: 'state',
        detail: expect.objectContaining({ instance: 'alice', calls: [] }),
      },
      {
        v: 1,
        tab: expect.any(String),
        kind: 'state',
        detail: expect.objectContaining({ instance: 'alice', calls: [expect.objectContaining({ sid })] }),
      },
      {
        v: 1,
        tab: expect.any(String),
        kind: 'event',
        detail: expect.objectContaining({ instance: 'alice', name: 'incoming', callSid: sid }),
      },
    ]);
    detach();
    expect(MemoryBroadcastChannel.open).toEqual(new Set([otherTab]));
  });

  it('delivers valid states and events from other tabs only, and stops on removal', async () => {
    const states: string[] = [];
    const events: string[] = [];
    const stop = listenToOtherTabs({
      state: (s, tab) => states.push(`${tab}:${s.instance}`),
      event: (e, tab) => events.push(`${tab}:${e.name}`),
    });
    const remote = new MemoryBroadcastChannel(CROSS_TAB_CHANNEL);
    remote.postMessage({ v: 1, tab: 'tab-B', kind: 'state', detail: buildState({ instance: 'carol' }) });
    remote.postMessage({
      v: 1,
      tab: 'tab-B',
      kind: 'event',
      detail: { v: 1, instance: 'carol', source: 'device', name: 'registered', at: 1, data: null },
    });
    remote.postMessage({ v: 1, tab: 'tab-B', kind: 'state', detail: { instance: 'forged' } });
    remote.postMessage('noise');
    // This tab's own softphones reach it on the window bus already: their echo is skipped.
    const detach = attachToBus(new FakeSoftphoneService('alice'), {
      target: new ListenerCountingTarget(),
      broadcast: true,
    });
    await tick();
    expect(states).toEqual(['tab-B:carol']);
    expect(events).toEqual(['tab-B:registered']);

    stop();
    stop();
    remote.postMessage({ v: 1, tab: 'tab-B', kind: 'state', detail: buildState({ instance: 'carol' }) });
    await tick();
    expect(states).toHaveLength(1);
    detach();
    expect(MemoryBroadcastChannel.open).toEqual(new Set([remote]));
  });

  it('keeps the window bus working when the channel fails', () => {
    const bus = new ListenerCountingTarget();
    const states = bus.record('softphone:state');
    const alice = new FakeSoftphoneService('alice');
    const detach = attachToBus(alice, { target: bus, broadcast: true });
    MemoryBroadcastChannel.open.clear(); // every post now throws, as on a closed channel
    alice.receiveIncomingCall('client:bob');
    expect(states).toHaveLength(2);
    detach();
  });
});
