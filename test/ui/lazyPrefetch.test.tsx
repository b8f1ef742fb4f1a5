/**
 * The idle screen prefetches the call screens' chunk when the browser is idle after mount (requestIdleCallback,
 * 2 s at most), and a call then renders at once. A call in progress before the chunk is there shows a loading status.
 */
import { act, screen, waitFor } from '@testing-library/react/pure';
import { buildCall, buildState } from '../../src/contract/testing';
import { callScreens } from '../../src/ui/lazy/callScreens';
import { createFakeService } from './support/spiedFakeService';
import { renderApp } from './support/renderApp';

const idleCalls: Array<{ callback: () => void; options: unknown }> = [];
beforeAll(() => {
  (globalThis as { requestIdleCallback?: unknown }).requestIdleCallback = (callback: () => void, options: unknown) =>
    idleCalls.push({ callback, options });
});
afterAll(() => delete (globalThis as { requestIdleCallback?: unknown }).requestIdleCallback);

it('loads the call screens when idle after mount, not before', async () => {
  const service = createFakeService(buildState());
  const { unmount } = renderApp(service);
  expect(screen.getByRole('textbox', { name: 'Number or client name' })).toBeEnabled();
  // Asked for idle time (the call screens, and the dial pad's phone numbers), 2 s at most.
  expect(idleCalls.length).toBeGreaterThan(0);
  for (const call of idleCalls) expect(call.options).toEqual({ timeout: 2_000 });
  await act(() => Promise.resolve());
  expect(callScreens.loaded()).toBeNull();

  act(() => idleCalls.forEach((call) => call.callback()));
  await waitFor(() => expect(callScreens.loaded()).not.toBeNull());
  act(() =>
    service.setState(
      buildState({ device: { isBusy: true }, activeCallSid: 'CA-1', calls: [buildCall({ status: 'open' })] }),
    ),
  );
  expect(screen.getByRole('region', { name: 'Call to bob' })).toBeInTheDocument();
  unmount();
});
