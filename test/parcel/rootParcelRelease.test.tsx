/**
 * single-spa 6.0.3 keeps every unmounted *root* parcel (and so its props, host element included) for the page's
 * life, and React never removes its root listeners from the element it rendered into. The parcel renders into an
 * element of its own and removes it at unmount, so what single-spa keeps holds no listener of ours (issue 18), and
 * none of a mount's objects: its record holds the host's props and single-spa's own closures only.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { waitFor } from '@testing-library/react';
import { mountRootParcel, type ParcelConfig } from 'single-spa';
import { attachToBus } from '../../src/bus/host';
import { createParcelLifecycles, type LifecycleProps } from '../../src/parcel/lifecycles';
import type { InstanceDeps } from '../../src/parcel/instance';
import { FakeSoftphoneService } from '../../src/contract/testing';

// single-spa, not the test, drives React here: there is no act() scope to wrap its renders in.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Live listeners per element (window and document are counted by parcel.test.tsx). */
function countElementListeners(): { live: Map<EventTarget, number>; restore: () => void } {
  const live = new Map<EventTarget, number>();
  const originalAdd = EventTarget.prototype.addEventListener;
  const originalRemove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function counted(this: EventTarget, ...args) {
    if (this instanceof Element) live.set(this, (live.get(this) ?? 0) + 1);
    return originalAdd.apply(this, args);
  };
  EventTarget.prototype.removeEventListener = function counted(this: EventTarget, ...args) {
    if (this instanceof Element && live.has(this)) live.set(this, (live.get(this) ?? 1) - 1);
    return originalRemove.apply(this, args);
  };
  return {
    live,
    restore: () => {
      EventTarget.prototype.addEventListener = originalAdd;
      EventTarget.prototype.removeEventListener = originalRemove;
    },
  };
}

function fakeServiceDeps(services: FakeSoftphoneService[]): InstanceDeps {
  return {
    createService(config) {
      const service = new FakeSoftphoneService(config.identity, { device: { edge: 'local', tokenExpiresAt: null } });
      services.push(service);
      return service;
    },
    attachToBus: (service) => attachToBus(service),
    loadClientConfig: async () => ({ ok: true, config: { mode: 'local', device: { chunderw: 'localhost:9000' } } }),
    warn: () => undefined,
  };
}

function lifecyclesWithFakeService(services: FakeSoftphoneService[]): ParcelConfig<Record<string, unknown>> {
  return createParcelLifecycles(fakeServiceDeps(services)) as unknown as ParcelConfig<Record<string, unknown>>;
}

it('leaves no listener on the host element that single-spa keeps after 10 root parcel mount/unmount cycles', async () => {
  const services: FakeSoftphoneService[] = [];
  const lifecycles = lifecyclesWithFakeService(services);
  const listeners = countElementListeners();
  const hosts: HTMLElement[] = [];
  try {
    for (let i = 0; i < 10; i += 1) {
      const domElement = document.createElement('div');
      document.body.appendChild(domElement);
      hosts.push(domElement);
      const parcel = mountRootParcel(lifecycles, { domElement, identity: `user${i}` });
      await parcel.mountPromise;
      await waitFor(() => expect(domElement.querySelector('input[name="to"]')).not.toBeNull());
      // While mounted, React's root listeners are on our container inside the host's element.
      const container = domElement.firstElementChild as Element;
      expect(listeners.live.get(container) ?? 0).toBeGreaterThan(50);
      await parcel.unmount();
      domElement.remove();
    }
  } finally {
    listeners.restore();
  }
  for (const host of hosts) {
    expect(host.childElementCount).toBe(0);
    expect(listeners.live.get(host) ?? 0).toBe(0);
  }
  // Whatever still has listeners is detached from every host (so not reachable through single-spa's registry).
  for (const [element, count] of listeners.live) {
    if (count > 0) expect(hosts.some((host) => host.contains(element as Node))).toBe(false);
  }
  expect(services.every((s) => s.getState().device.state === 'destroyed')).toBe(true);
});

it("keeps none of a root parcel's objects alive after unmount, though single-spa keeps the host's props", async () => {
  const services: FakeSoftphoneService[] = [];
  const lifecycles = createParcelLifecycles(fakeServiceDeps(services));
  const ours: WeakRef<object>[] = [];
  // One config for every mount, as a host's import gives; it notes the props single-spa hands our mount.
  const config = {
    ...lifecycles,
    mount: (props: LifecycleProps) => {
      ours.push(new WeakRef(props));
      return lifecycles.mount(props);
    },
  } as unknown as ParcelConfig<Record<string, unknown>>;
  const hostProps: WeakRef<object>[] = [];
  for (let i = 0; i < 3; i += 1) {
    const domElement = document.createElement('div');
    document.body.appendChild(domElement);
    const props = { domElement, identity: `user${i}` };
    const parcel = mountRootParcel(config, props);
    await parcel.mountPromise;
    await waitFor(() => expect(domElement.querySelector('input[name="to"]')).not.toBeNull());
    ours.push(new WeakRef(domElement.firstElementChild as Element), new WeakRef(services[i] as object));
    hostProps.push(new WeakRef(props));
    await parcel.unmount();
    domElement.remove();
  }
  services.length = 0;
  // Timers that still hold a mount's props (single-spa's lifecycle watchdogs, React's scheduler) end on their own.
  await waitFor(
    () => {
      collectGarbage();
      expect(ours.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
    },
    { timeout: 8000, interval: 250 },
  );
  // What single-spa 6.0.3 keeps per root parcel: the props the host passed (README "Mounting often?").
  expect(hostProps.every((ref) => ref.deref() !== undefined)).toBe(true);
}, 20_000);
