import { act, screen, within } from '@testing-library/react/pure';
import userEvent from '@testing-library/user-event';
import type { LastError } from '../../src/contract/schema';
import { SoftphoneError } from '../../src/contract/service';
import { buildState } from '../../src/contract/testing';
import { createFakeService } from './support/spiedFakeService';
import { renderApp } from './support/renderApp';

const service = createFakeService(buildState());
let unmount: () => void;
beforeAll(() => {
  ({ unmount } = renderApp(service));
});
afterAll(() => unmount());
beforeEach(() => {
  jest.clearAllMocks();
  act(() => service.setState(buildState()));
});

let at = 0;
function raise(patch: Partial<LastError>): LastError {
  at += 1;
  const error: LastError = {
    code: 31401,
    message: 'Microphone permission denied',
    explanation: 'The browser refused access to the microphone.',
    solutions: ['Allow the microphone in the site settings.', 'Reload the page.'],
    severity: 'blocking',
    source: 'microphone',
    at,
    ...patch,
  };
  act(() => service.setState((s) => ({ ...s, lastError: error })));
  return error;
}
const user = () => userEvent.setup({ delay: null });

describe('ErrorDisplay', () => {
  it('shows a blocking error inline with explanation and solutions', () => {
    raise({});
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('Microphone permission denied')).toBeInTheDocument();
    expect(alert).toHaveTextContent('The browser refused access to the microphone.');
    expect(
      within(within(alert).getByRole('list', { name: 'Possible solutions' })).getAllByRole('listitem'),
    ).toHaveLength(2);
  });

  it.each([
    [{ source: 'microphone' as const }, 'Allow microphone', 'requestMicrophone'],
    [{ source: 'token' as const, code: 'token_error' }, 'Retry', 'start'],
    [{ source: 'device' as const, code: 53000 }, 'Register again', 'register'],
  ] as const)('offers the next step for %j: %s → service.%s, then clears the error', async (patch, label, method) => {
    raise(patch);
    await user().click(within(screen.getByRole('alert')).getByRole('button', { name: label }));
    expect(service[method]).toHaveBeenCalledTimes(1);
    expect(service.clearError).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('offers no next step where none helps, but always Dismiss', async () => {
    raise({ source: 'device', code: 'unsupported', message: 'This browser cannot run the softphone.' });
    const alert = screen.getByRole('alert');
    expect(
      within(alert)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Dismiss']);
    await user().click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(service.clearError).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows why the next step failed and keeps the error', async () => {
    service.failNext('requestMicrophone', new SoftphoneError('microphone_denied', 'Still blocked by the browser.'));
    raise({ source: 'microphone' });
    await user().click(within(screen.getByRole('alert')).getByRole('button', { name: 'Allow microphone' }));
    expect(await screen.findByText('Still blocked by the browser.')).toBeInTheDocument();
    expect(screen.getByText('Microphone permission denied')).toBeInTheDocument();
    expect(service.clearError).not.toHaveBeenCalled();
  });

  it('shows a transient error as a snackbar that dismisses and auto-hides', async () => {
    raise({
      severity: 'transient',
      source: 'call',
      code: 31005,
      message: 'Connection error',
      explanation: 'The call dropped briefly.',
    });
    expect(screen.getByRole('alert')).toHaveTextContent('Connection error: The call dropped briefly.');
    await user().click(within(screen.getByRole('alert')).getByRole('button', { name: 'Dismiss' }));
    expect(service.clearError).toHaveBeenCalledTimes(1);

    jest.useFakeTimers();
    try {
      raise({
        severity: 'transient',
        source: 'audio',
        message: 'Ringtone blocked by autoplay policy',
        explanation: '',
      });
      expect(screen.getByRole('alert')).toHaveTextContent('Ringtone blocked by autoplay policy');
      act(() => jest.advanceTimersByTime(8000));
      expect(service.clearError).toHaveBeenCalledTimes(2);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('ErrorDisplay and Header together', () => {
  it('offers Allow microphone once: in the error panel while it shows, in the header otherwise', () => {
    act(() => service.setState(buildState({ microphone: { permission: 'denied' } })));
    expect(screen.getAllByRole('button', { name: 'Allow microphone' })).toHaveLength(1);
    raise({ source: 'microphone' });
    const buttons = screen.getAllByRole('button', { name: 'Allow microphone' });
    expect(buttons).toHaveLength(1);
    expect(screen.getByRole('alert')).toContainElement(buttons[0]);
  });
});
