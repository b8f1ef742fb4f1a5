import { act, screen, within } from '@testing-library/react/pure';
import userEvent from '@testing-library/user-event';
import type { LastError } from '../../src/contract/schema';
import { SoftphoneError } from '../../src/contract/service';
import { buildCall, buildState } from '../../src/contract/testing';
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
  // A microphone error is only news while the microphone is still blocked (it goes once allowed).
  // (Registered, a blocked microphone only makes calls one-way: see 'a denied microphone' below.)
  const mic = error.source === 'microphone';
  act(() =>
    service.setState((s) => ({
      ...s,
      device: { ...s.device, state: mic ? 'unregistered' : s.device.state },
      microphone: { permission: mic ? 'denied' : 'granted' },
      lastError: error,
    })),
  );
  return error;
}
const user = () => userEvent.setup({ delay: null });

describe('ErrorDisplay', () => {
  it('shows an error the catalog does not know inline with the service explanation and solutions', () => {
    raise({ code: 31208, source: 'call', message: 'Media access denied by the remote side' });
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('Media access denied by the remote side')).toBeInTheDocument();
    expect(alert).toHaveTextContent('The browser refused access to the microphone.');
    expect(
      within(within(alert).getByRole('list', { name: 'Possible solutions' })).getAllByRole('listitem'),
    ).toHaveLength(2);
  });

  it('words a known code from the catalog, once: one title and what to do next', () => {
    raise({
      severity: 'transient',
      source: 'call',
      code: 31486,
      message: 'The line is busy.',
      explanation: 'The callee is busy.',
      solutions: ['Try again later.'],
    });
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText('The person you called is on another call.')).toBeInTheDocument();
    expect(alert).not.toHaveTextContent('The line is busy.');
    expect(alert).not.toHaveTextContent('The callee is busy.');
    expect(within(alert).getByRole('list', { name: 'Possible solutions' })).toHaveTextContent(
      'Try again in a few minutes.',
    );
  });

  it('offers Call again for a busy callee and places the same call again', async () => {
    const failed = buildCall({ sid: 'CA-busy', to: '+14155550100', status: 'closed', endReason: 'error' });
    act(() => service.setState(buildState({ calls: [failed] })));
    raise({ severity: 'transient', source: 'call', code: 31486, callSid: 'CA-busy' });
    await user().click(within(screen.getByRole('alert')).getByRole('button', { name: 'Call again' }));
    expect(service.dial).toHaveBeenCalledWith('+14155550100');
  });

  it('offers no Call again where retrying cannot help (nobody at that number)', () => {
    const failed = buildCall({ sid: 'CA-404', to: '+14155550100', status: 'closed', endReason: 'error' });
    act(() => service.setState(buildState({ calls: [failed] })));
    raise({ severity: 'transient', source: 'call', code: 31404, callSid: 'CA-404' });
    expect(within(screen.getByRole('alert')).queryByRole('button', { name: 'Call again' })).toBeNull();
    expect(screen.getByRole('alert')).toHaveTextContent('Nobody answers at that number or name.');
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
    // The step's own failure (a known code) in the catalog's words, and the original error stays.
    expect(await screen.findByText(/The microphone is blocked\. Allow the microphone/)).toBeInTheDocument();
    expect(screen.getAllByText('The microphone is blocked.').length).toBeGreaterThan(0);
    expect(service.clearError).not.toHaveBeenCalled();
  });

  it('keeps a transient error until it is dismissed (no toast that vanishes before it can be read)', async () => {
    jest.useFakeTimers();
    try {
      raise({
        severity: 'transient',
        source: 'audio',
        code: 'autoplay_blocked',
        message: 'Ringtone blocked by autoplay policy',
        explanation: '',
      });
      expect(screen.getByRole('alert')).toHaveTextContent('The browser blocked the phone’s sounds.');
      act(() => jest.advanceTimersByTime(60_000));
      expect(screen.getByRole('alert')).toBeInTheDocument();
      expect(service.clearError).not.toHaveBeenCalled();
    } finally {
      jest.useRealTimers();
    }
    await user().click(within(screen.getByRole('alert')).getByRole('button', { name: 'Dismiss' }));
    expect(service.clearError).toHaveBeenCalledTimes(1);
  });
});

describe('a denied microphone', () => {
  it('goes away once the microphone is allowed (permission change in the state), without a click', () => {
    raise({ source: 'microphone' });
    expect(screen.getByRole('alert')).toHaveTextContent('The microphone is blocked.');
    act(() => service.setState((s) => ({ ...s, microphone: { permission: 'granted' } })));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('is not shown as blocking registration: registered, it says calls will be one-way', () => {
    raise({ source: 'microphone' });
    act(() => service.setState((s) => ({ ...s, device: { ...s.device, state: 'registered' } })));
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Calls will be one-way: allow the microphone.');
    expect(screen.getByRole('status', { name: 'Registration state' })).toHaveTextContent('Ready');
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
