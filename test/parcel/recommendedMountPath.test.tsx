/**
 * The mounting path recommended to hosts that mount often (README "Mounting the parcel"): through a long-lived
 * parcel's (or application's) `mountParcel`. single-spa removes such child parcels at unmount, so the props the
 * host passed (its element with them) and the container we rendered into become garbage. Through
 * `mountRootParcel`, single-spa 6.0.3 keeps every one of those props objects in its root-parcel registry.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { waitFor } from '@testing-library/react';
import { mountRootParcel, type AppProps, type ParcelConfig } from 'single-spa';
import { attachToBus } from '../../src/bus/host';
import { createParcelLifecycles } from '../../src/parcel/lifecycles';
import type { InstanceDeps } from '../../src/parcel/instance';
import { FakeSoftphoneService } from '../../src/contract/testing';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const deps: InstanceDeps = {
  createService: (config) =>
    new FakeSoftphoneService(config.identity, { device: { edge: 'local', tokenExpiresAt: null } }),
  attachToBus: (service) => attachToBus(service),
  loadClientConfig: async () => ({ ok: true, config: { mode: 'local', device: { chunderw: 'localhost:9000' } } }),
  warn: () => undefined,
};

async function hostMountParcel(): Promise<AppProps['mountParcel']> {
  const holder = document.createElement('div');
  document.body.appendChild(holder);
  let captured: AppProps['mountParcel'] | null = null;
  const host: ParcelConfig = {
    bootstrap: async () => undefined,
    mount: async (props) => {
      captured = (props as AppProps).mountParcel;
    },
    unmount: async () => undefined,
  };
  await mountRootParcel(host, { domElement: holder }).mountPromise;
  if (!captured) throw new Error('host parcel did not mount');
  return captured;
}

/** Mounts and unmounts once; returns weak references to the props the host handed over and our container. */
async function mountCycle(
  mountParcel: AppProps['mountParcel'],
  lifecycles: ParcelConfig,
  identity: string,
): Promise<WeakRef<object>[]> {
  const domElement = document.createElement('div');
  document.body.appendChild(domElement);
  const props = { domElement, identity };
  const parcel = mountParcel(lifecycles, props);
  await parcel.mountPromise;
  await waitFor(() => expect(domElement.querySelector('input[name="to"]')).not.toBeNull());
  const container = domElement.firstElementChild as Element;
  await parcel.unmount();
  domElement.remove();
  return [new WeakRef(props), new WeakRef(container)];
}

it("releases each mount's props and container at unmount when mounted through a host parcel's mountParcel", async () => {
  const lifecycles = createParcelLifecycles(deps) as unknown as ParcelConfig;
  const mountParcel = await hostMountParcel();
  const refs: WeakRef<object>[] = [];
  for (let i = 0; i < 3; i += 1) refs.push(...(await mountCycle(mountParcel, lifecycles, `user${i}`)));
  // Timers that still hold a mount's props (single-spa's lifecycle watchdogs, React's scheduler) end on their own.
  await waitFor(
    () => {
      collectGarbage();
      expect(refs.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
    },
    { timeout: 8000, interval: 250 },
  );
}, 20_000);
