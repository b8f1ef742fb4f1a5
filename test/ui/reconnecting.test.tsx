/** Issue 14: `reconnecting` is its own visible state, Register waits, and no transient toast contradicts it. */
import { act, screen } from '@testing-library/react/pure';
import { buildState } from '../../src/contract/testing';
import type { SoftphoneState } from '../../src/contract/schema';
import { createFakeService } from './support/spiedFakeService';
import { renderApp } from './support/renderApp';

const service = createFakeService(buildState());
let unmount: () => void;
beforeAll(() => {
  ({ unmount } = renderApp(service));
});
afterAll(() => unmount());

function show(patch: (s: SoftphoneState) => SoftphoneState): void {
  act(() => service.setState(patch));
}

const connectionFailed = {
  code: 31005,
  message: 'The connection to the call service failed.',
  explanation: 'The voice gateway closed the call unexpectedly.',
  solutions: [],
  severity: 'transient' as const,
  source: 'device' as const,
  at: 1,
};

it('shows reconnecting (not unregistered), keeps Register disabled and Unregister available', () => {
  show((s) => ({ ...s, device: { ...s.device, state: 'reconnecting' } }));
  expect(screen.getByRole('status', { name: 'Registration state' })).toHaveTextContent('Reconnecting…');
  expect(screen.getByRole('button', { name: 'Register' })).toBeDisabled();
  expect(screen.getByRole('button', { name: 'Unregister' })).toBeEnabled();
  expect(screen.getByText(/Reconnecting to the call service; this resumes on its own/)).toBeInTheDocument();
});

it('hides a transient "connection failed" from the Device while reconnecting, and shows it otherwise', () => {
  show((s) => ({ ...s, device: { ...s.device, state: 'reconnecting' }, lastError: connectionFailed }));
  expect(screen.queryByText(/The connection to the phone service was lost/)).toBeNull();
  show((s) => ({ ...s, device: { ...s.device, state: 'registered' }, lastError: { ...connectionFailed, at: 2 } }));
  // In the catalog's words for the code (not the service's English message).
  expect(screen.getByText(/The connection to the phone service was lost/)).toBeInTheDocument();
});

it('keeps a blocking error visible while reconnecting (a refused token says what is happening)', () => {
  show((s) => ({
    ...s,
    device: { ...s.device, state: 'reconnecting' },
    lastError: {
      ...connectionFailed,
      code: 20104,
      message: 'The access token has expired.',
      severity: 'blocking',
      at: 3,
    },
  }));
  expect(screen.getByRole('alert')).toHaveTextContent('Your session expired.');
});

it('says when the registration was last confirmed', () => {
  show((s) => ({
    ...s,
    lastError: null,
    device: { ...s.device, state: 'registered', registrationConfirmedAt: Date.now() - 12_000 },
  }));
  expect(screen.getByText(/Registration confirmed 1[12] seconds ago/)).toBeInTheDocument();
});
