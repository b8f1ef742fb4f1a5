/**
 * The parcel's own error boundary: a render that throws shows the crash notice inside the host's element instead
 * of unmounting the host's page, and the parcel still unmounts cleanly.
 */
import { waitFor } from '@testing-library/react';
import { mountRootParcel, type ParcelConfig } from 'single-spa';
import { attachToBus } from '../../src/bus/host';
import { createParcelLifecycles } from '../../src/parcel/lifecycles';
import type { InstanceDeps } from '../../src/parcel/instance';
import { FakeSoftphoneService } from '../../src/contract/testing';

// single-spa, not the test, drives React here: there is no act() scope to wrap its renders in.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

it('shows the crash notice when the UI throws while rendering, and unmounts without a trace', async () => {
  const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const broken: Array<jest.SpyInstance> = [];
  const deps: InstanceDeps = {
    createService(config) {
      const service = new FakeSoftphoneService(config.identity, { device: { edge: 'local', tokenExpiresAt: null } });
      // Reading the state during render is what the UI does first: make it fail.
      broken.push(
        jest.spyOn(service, 'getState').mockImplementation(() => {
          throw new Error('state exploded');
        }),
      );
      return service;
    },
    attachToBus: (service) => attachToBus(service),
    loadClientConfig: async () => ({ ok: true, config: { mode: 'local', device: { chunderw: 'localhost:9000' } } }),
    warn: () => undefined,
  };
  const lifecycles = createParcelLifecycles(deps) as unknown as ParcelConfig<Record<string, unknown>>;
  const domElement = document.createElement('div');
  document.body.appendChild(domElement);
  try {
    const parcel = mountRootParcel(lifecycles, { domElement, identity: 'alice' });
    await parcel.mountPromise;
    await waitFor(() => expect(domElement.querySelector('[role="alert"]')?.textContent).toContain('stopped working'));
    expect(domElement.textContent).toContain('state exploded');
    for (const spy of broken) spy.mockRestore(); // the service's own teardown reads its state too
    await parcel.unmount();
    expect(domElement.childElementCount).toBe(0);
  } finally {
    domElement.remove();
    consoleError.mockRestore();
  }
});
