/**
 * <Softphone>, the component for hosts without single-spa: it shows the phone and starts the service only after
 * that first frame, like a mounted parcel, and destroys it on unmount.
 */
import { render, screen, waitFor } from '@testing-library/react';
import { Softphone } from '../../src/parcel/Softphone';
import type { InstanceDeps } from '../../src/parcel/instance';
import { FakeSoftphoneService } from '../../src/contract/testing';

it('starts the service after the phone is on screen, and destroys it on unmount', async () => {
  const services: FakeSoftphoneService[] = [];
  const phoneShownAtStart: boolean[] = [];
  const deps: InstanceDeps = {
    createService(config) {
      const service = new FakeSoftphoneService(config.identity);
      const start = service.start.bind(service);
      service.start = () => {
        phoneShownAtStart.push(screen.queryByRole('region', { name: 'Softphone alice' }) !== null);
        return start();
      };
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
