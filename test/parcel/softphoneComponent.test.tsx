/**
 * <Softphone>, the component for hosts without single-spa: it shows the phone and starts the service only after
 * that first frame, like a mounted parcel, and destroys it on unmount.
 */
import { render, waitFor } from '@testing-library/react';
import { Softphone } from '../../src/parcel/Softphone';
import type { InstanceDeps } from '../../src/parcel/instance';
import type { FakeSoftphoneService } from '../../src/contract/testing';
import { serviceRecordingStarts } from './support/serviceStarts';

it('starts the service after the phone is on screen, and destroys it on unmount', async () => {
  const services: FakeSoftphoneService[] = [];
  const phoneShownAtStart: boolean[] = [];
  const deps: InstanceDeps = {
    createService(config) {
      const service = serviceRecordingStarts(config.identity, phoneShownAtStart);
      services.push(service);
      return service;
    },
    attachToBus: () => () => undefined,
    loadClientConfig: async () => ({ ok: false, message: 'not used' }),
    warn: () => undefined,
  };
  const view = render(<Softphone identity="alice" gateway={{ chunderw: 'localhost:9000' }} deps={deps} />);
  // The first render loads the UI runtime (a lazy chunk): slow in jsdom.
  await waitFor(() => expect(phoneShownAtStart).toEqual([true]), { timeout: 30_000 });
  await waitFor(() => expect(services[0]!.getState().device.state).toBe('registered'));
  view.unmount();
  expect(services[0]!.invocations.at(-1)).toEqual({ method: 'destroy', args: [] });
}, 60_000);
