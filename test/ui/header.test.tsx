import { act, screen } from '@testing-library/react/pure';
import userEvent from '@testing-library/user-event';
import type { DeviceStateName, MicrophonePermission } from '../../src/contract/schema';
import { SoftphoneError } from '../../src/contract/service';
import { buildState } from '../../src/contract/testing';
import { createFakeService } from './support/spiedFakeService';
import { renderApp } from './support/renderApp';

const service = createFakeService(buildState({ device: { state: 'unregistered' } }));
let unmount: () => void;
beforeAll(() => {
  ({ unmount } = renderApp(service));
});
afterAll(() => unmount());
beforeEach(() => jest.clearAllMocks());

function setDevice(patch: Partial<ReturnType<typeof buildState>['device']>) {
  act(() => service.setState((s) => ({ ...s, device: { ...s.device, ...patch } })));
}
function setPermission(permission: MicrophonePermission) {
  act(() => service.setState((s) => ({ ...s, microphone: { permission } })));
}
const chip = () => screen.getByRole('status', { name: 'Registration state' });
const registerButton = () => screen.getByRole('button', { name: 'Register' });
const unregisterButton = () => screen.getByRole('button', { name: 'Unregister' });

describe('Header', () => {
  it('shows the identity', () => {
    expect(screen.getByRole('heading', { name: 'alice' })).toBeInTheDocument();
  });

  it.each<[DeviceStateName, string, boolean, boolean]>([
    ['initializing', 'Starting…', false, false],
    ['unsupported', 'Not supported', false, false],
    ['unregistered', 'Offline', true, false],
    ['registering', 'Going online…', false, true],
    ['registered', 'Ready', false, true],
    ['destroyed', 'Stopped', false, false],
    ['reconnecting', 'Reconnecting…', false, true],
  ])(
    'device state %s reads "%s" (never the SDK word), Register %s, Unregister %s',
    (state, words, canRegister, canUnregister) => {
      setDevice({ state });
      expect(chip()).toHaveTextContent(words);
      expect(chip()).toHaveAttribute('aria-live', 'polite');
      expect(registerButton()).toHaveProperty('disabled', !canRegister);
      expect(unregisterButton()).toHaveProperty('disabled', !canUnregister);
    },
  );

  it('Register and Unregister call the service', async () => {
    const user = userEvent.setup({ delay: null });
    setDevice({ state: 'unregistered' });
    await user.click(registerButton());
    expect(service.register).toHaveBeenCalledTimes(1);
    setDevice({ state: 'registered' });
    await user.click(unregisterButton());
    expect(service.unregister).toHaveBeenCalledTimes(1);
  });

  it('shows why registering failed', async () => {
    const user = userEvent.setup({ delay: null });
    setDevice({ state: 'unregistered' });
    service.failNext('register', new SoftphoneError('token_error', 'The token server did not answer.'));
    await user.click(registerButton());
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The phone could not sign in. Check your network and try again.',
    );
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it.each<[MicrophonePermission, string, boolean]>([
    ['unknown', 'checking', false],
    ['prompt', 'not yet allowed', true],
    ['granted', 'allowed', false],
    ['denied', 'blocked', true],
    ['unavailable', 'no microphone found', false],
  ])('microphone %s reads "%s"; Allow microphone offered: %s', (permission, text, offered) => {
    setPermission(permission);
    expect(screen.getByText(`Microphone: ${text}`)).toBeInTheDocument();
    expect(Boolean(screen.queryByRole('button', { name: 'Allow microphone' }))).toBe(offered);
  });

  it('Allow microphone asks the service again', async () => {
    const user = userEvent.setup({ delay: null });
    setPermission('denied');
    await user.click(screen.getByRole('button', { name: 'Allow microphone' }));
    expect(service.requestMicrophone).toHaveBeenCalledTimes(1);
    setPermission('granted');
  });

  it('shows the token expiry: none, valid, expiring soon, expired', () => {
    setDevice({ tokenExpiresAt: null });
    expect(screen.getByText('Token: none yet')).toBeInTheDocument();
    setDevice({ tokenExpiresAt: Date.now() + 3_600_000 });
    expect(screen.getByText(/^Token: valid until/)).toBeInTheDocument();
    setDevice({ tokenExpiresAt: Date.now() + 3 * 60_000 });
    expect(screen.getByText('Token: expires in 3 min')).toBeInTheDocument();
    setDevice({ tokenExpiresAt: Date.now() - 1000 });
    expect(screen.getByText('Token: expired')).toBeInTheDocument();
  });
});
