// Bus benchmark page: a real bus host (attachToBus) over the fake service (src/contract/testing, `record` mode), driven by a DOM-only sender that uses
// nothing but window CustomEvents, and 100 typed clients for the state fan-out. Exposes `window.busBench`.
import { attachToBus } from '../../src/bus/host';
import { createSoftphoneClient, type SoftphoneClient } from '../../src/bus/client';
import type { SoftphoneState } from '../../src/contract/schema';
import { FakeSoftphoneService } from '../../src/contract/testing';

const INSTANCE = 'bench';
const service = new FakeSoftphoneService(INSTANCE, {}, { commands: 'record' });
attachToBus(service);

/** Replies by correlation id, read straight from the DOM event like a sibling app with no library would. */
const waiting = new Map<string, () => void>();
window.addEventListener('softphone:reply', (event) => {
  const id = (event as CustomEvent<{ id?: unknown }>).detail?.id;
  if (typeof id !== 'string') return;
  const done = waiting.get(id);
  if (done) {
    waiting.delete(id);
    done();
  }
});

let sequence = 0;
function sendCommand(): Promise<void> {
  const id = `c${(sequence += 1)}`;
  const replied = new Promise<void>((resolve) => waiting.set(id, resolve));
  window.dispatchEvent(new CustomEvent('softphone:command', { detail: { v: 1, id, type: 'register' } }));
  return replied;
}

/**
 * The in-run baseline of the round trip: the least a request → reply over window CustomEvents can cost. A bare
 * responder answers each request synchronously with a reply of the same shape, matched the same way.
 */
window.addEventListener('bench:request', (event) => {
  const id = (event as CustomEvent<{ id: string }>).detail.id;
  window.dispatchEvent(new CustomEvent('bench:reply', { detail: { v: 1, id, instance: INSTANCE, ok: true } }));
});
window.addEventListener('bench:reply', (event) => {
  const id = (event as CustomEvent<{ id: string }>).detail.id;
  const done = waiting.get(id);
  if (done) {
    waiting.delete(id);
    done();
  }
});
function sendBareRequest(): Promise<void> {
  const id = `b${(sequence += 1)}`;
  const replied = new Promise<void>((resolve) => waiting.set(id, resolve));
  window.dispatchEvent(new CustomEvent('bench:request', { detail: { v: 1, id, type: 'register' } }));
  return replied;
}

/** Mean µs of `perBatch` sequential round trips through `send`. */
async function batchMean(send: () => Promise<void>, perBatch: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < perBatch; i += 1) await send();
  return ((performance.now() - t0) * 1000) / perBatch;
}

function changedState(n: number): SoftphoneState {
  const state = service.getState();
  return { ...state, device: { ...state.device, tokenExpiresAt: 1_900_000_000_000 + n } };
}

const busBench = {
  /** Mean round trip (µs) of each batch of `perBatch` sequential commands: one sample per batch. */
  async roundTrips(batches: number, perBatch: number): Promise<number[]> {
    const samples: number[] = [];
    for (let b = 0; b < batches; b += 1) {
      const t0 = performance.now();
      for (let i = 0; i < perBatch; i += 1) await sendCommand();
      samples.push(((performance.now() - t0) * 1000) / perBatch);
    }
    return samples;
  },

  /** Bus and bare round trips (µs), one batch of each in turn so both see the same machine load. */
  async roundTripsWithBaseline(batches: number, perBatch: number): Promise<{ bus: number[]; bare: number[] }> {
    const bus: number[] = [];
    const bare: number[] = [];
    for (let b = 0; b < batches; b += 1) {
      bare.push(await batchMean(sendBareRequest, perBatch));
      bus.push(await batchMean(sendCommand, perBatch));
    }
    return { bus, bare };
  },

  /**
   * The fan-out baseline: mean µs from dispatching one CustomEvent carrying a state to the last of `listeners`
   * bare window listeners seeing it, per batch of `perBatch` changes.
   */
  bareFanOut(listeners: number, batches: number, perBatch: number): number[] {
    let seen = 0;
    let target = 0;
    // One function per listener: addEventListener ignores a second registration of the same function.
    const handlers = Array.from({ length: listeners }, () => (event: Event): void => {
      if ((event as CustomEvent<SoftphoneState>).detail.device.tokenExpiresAt === target) seen += 1;
    });
    for (const handler of handlers) window.addEventListener('bench:state', handler);
    const samples: number[] = [];
    let n = 0;
    for (let b = 0; b < batches; b += 1) {
      const t0 = performance.now();
      for (let i = 0; i < perBatch; i += 1) {
        n += 1;
        seen = 0;
        const next = changedState(n);
        target = next.device.tokenExpiresAt as number;
        window.dispatchEvent(new CustomEvent('bench:state', { detail: next }));
        if (seen !== listeners) throw new Error(`bare fan-out: ${seen} of ${listeners} listeners saw the state`);
      }
      samples.push(((performance.now() - t0) * 1000) / perBatch);
    }
    for (const handler of handlers) window.removeEventListener('bench:state', handler);
    return samples;
  },

  /** Commands per second with `inFlight` commands outstanding, over `total` commands. */
  async throughput(total: number, inFlight: number): Promise<number> {
    let sent = 0;
    const t0 = performance.now();
    const lane = async (): Promise<void> => {
      while (sent < total) {
        sent += 1;
        await sendCommand();
      }
    };
    await Promise.all(Array.from({ length: inFlight }, lane));
    return total / ((performance.now() - t0) / 1000);
  },

  /**
   * Mean time (µs) from `service.setState` to the last of `subscribers` seeing that state, per batch of
   * `perBatch` changes. `via: 'bus'` subscribes typed bus clients (createSoftphoneClient) as sibling apps do;
   * `via: 'service'` subscribes to the service's state$ directly, the floor the bus adds to.
   */
  async fanOut(
    via: 'bus' | 'service',
    subscribers: number,
    batches: number,
    perBatch: number,
  ): Promise<{ samples: number[]; synchronous: boolean }> {
    let seen = 0;
    let target = 0;
    let release: (() => void) | null = null;
    const onState = (state: SoftphoneState): void => {
      if (state.device.tokenExpiresAt !== target) return;
      seen += 1;
      if (seen === subscribers && release) release();
    };
    const clients: SoftphoneClient[] = [];
    const subscriptions = Array.from({ length: subscribers }, () => {
      if (via === 'service') return service.state$.subscribe(onState);
      const client = createSoftphoneClient({ target: INSTANCE });
      clients.push(client);
      return client.state$.subscribe({ next: onState });
    });
    let synchronous = true;
    const samples: number[] = [];
    let n = 0;
    for (let b = 0; b < batches; b += 1) {
      const t0 = performance.now();
      for (let i = 0; i < perBatch; i += 1) {
        n += 1;
        seen = 0;
        const next = changedState(n);
        target = next.device.tokenExpiresAt as number;
        const all = new Promise<void>((resolve) => (release = resolve));
        service.setState(next);
        if (seen < subscribers) {
          synchronous = false;
          await all;
        }
        release = null;
      }
      samples.push(((performance.now() - t0) * 1000) / perBatch);
    }
    for (const s of subscriptions) s.unsubscribe();
    for (const c of clients) c.destroy();
    return { samples, synchronous };
  },
};

(window as unknown as { busBench: typeof busBench }).busBench = busBench;
export type BusBench = typeof busBench;
