/**
 * The call screens as a lazy chunk (callScreens.tsx): a ringing call shows at once (its card is in the mount chunk)
 * and starts loading them; a call in progress shows a loading status until they are there; a chunk that fails to
 * load shows an error with Retry and Hang up instead of a blank, and Retry imports it again.
 */
import { act, screen, waitFor, within } from '@testing-library/react/pure';
import userEvent from '@testing-library/user-event';
import { buildCall, buildState } from '../../src/contract/testing';
import { callScreens } from '../../src/ui/lazy/callScreens';
import { lazyModule } from '../../src/ui/lazy/lazyModule';
import { createFakeService } from './support/spiedFakeService';
import { renderApp } from './support/renderApp';

let mockImportFailures = 0;
let mockImports = 0;
jest.mock('../../src/ui/callScreens', () => {
  mockImports += 1;
  if (mockImportFailures > 0) {
    mockImportFailures -= 1;
    throw new Error('chunk failed');
  }
  return jest.requireActual('../../src/ui/callScreens');
});

describe('lazyModule', () => {
  it('shares one import while it runs, forgets a failure so the next load retries, and tells subscribers', async () => {
    const outcomes = [Promise.reject(new Error('offline')), Promise.resolve({ value: 1 })];
    const importer = jest.fn(() => outcomes.shift() as Promise<{ value: number }>);
    const lazy = lazyModule(importer);
    const settled = jest.fn();
    lazy.subscribe(settled);
    const first = lazy.load();
    expect(lazy.load()).toBe(first);
    await expect(first).rejects.toThrow('offline');
    expect(lazy.loaded()).toBeNull();
    expect(settled).toHaveBeenCalledTimes(1);
    await expect(lazy.load()).resolves.toEqual({ value: 1 });
    expect(importer).toHaveBeenCalledTimes(2);
    expect(lazy.loaded()).toEqual({ value: 1 });
    expect(settled).toHaveBeenCalledTimes(2);
    await lazy.load();
    expect(importer).toHaveBeenCalledTimes(2);
  });
});

describe('call screens loaded on demand', () => {
  beforeAll(() => {
    // Idle time never comes in this test: only the call itself may start the load.
    (globalThis as { requestIdleCallback?: unknown }).requestIdleCallback = () => 1;
  });
  afterAll(() => delete (globalThis as { requestIdleCallback?: unknown }).requestIdleCallback);

  it('a ringing call shows at once; a failed chunk shows Retry and Hang up; Retry brings the call screen', async () => {
    mockImportFailures = 2; // the prefetch the ringing call starts, then the call screen's own attempt
    const ringing = buildCall({ sid: 'CA-1', direction: 'incoming', status: 'pending', from: 'client:bob' });
    const service = createFakeService(buildState({ calls: [ringing] }));
    const { unmount } = renderApp(service);
    expect(screen.getByRole('region', { name: 'Incoming call' })).toBeInTheDocument();
    // Idle callbacks never run here (the dial pad's phone-number prefetch waits in one): the call started the load.
    await waitFor(() => expect(mockImports).toBe(1));

    act(() =>
      service.setState(
        buildState({ device: { isBusy: true }, activeCallSid: 'CA-1', calls: [{ ...ringing, status: 'open' }] }),
      ),
    );
    expect(screen.getByText('Opening the call screen…')).toBeInTheDocument();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The call screen could not load (chunk failed).');
    expect(mockImports).toBe(2);
    const u = userEvent.setup({ delay: null });
    await u.click(within(alert).getByRole('button', { name: 'Hang up' }));
    expect(service.hangup).toHaveBeenCalledTimes(1);

    await u.click(within(alert).getByRole('button', { name: 'Retry' }));
    const card = await screen.findByRole('region', { name: 'Call from bob' });
    expect(within(card).getByRole('button', { name: 'Hang up' })).toBeEnabled();
    expect(mockImports).toBe(3);
    expect(screen.queryByRole('alert')).toBeNull();
    unmount();
  });

  it('once loaded, a call renders its screen in the same commit (no loading status)', () => {
    expect(callScreens.loaded()).not.toBeNull();
    const call = buildCall({ sid: 'CA-2', to: 'client:carol', status: 'open' });
    const service = createFakeService(buildState({ device: { isBusy: true }, activeCallSid: 'CA-2', calls: [call] }));
    const { unmount } = renderApp(service);
    expect(screen.getByRole('region', { name: 'Call to carol' })).toBeInTheDocument();
    expect(screen.queryByText('Opening the call screen…')).toBeNull();
    unmount();
  });
});
