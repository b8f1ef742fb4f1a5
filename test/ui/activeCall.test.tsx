import { act, screen, within } from '@testing-library/react/pure';
import userEvent from '@testing-library/user-event';
import type { CallState, CallStatus } from '../../src/contract/schema';
import { CALL_WARNINGS } from '../../src/contract/schema';
import { en } from '../../src/ui/i18n/en';
import { warningKeys } from '../../src/ui/components/CallWarnings';
import { SoftphoneError } from '../../src/contract/service';
import { buildCall, buildState } from '../../src/contract/testing';
import { createFakeService } from './support/spiedFakeService';
import { renderApp } from './support/renderApp';
import { preloadLazyUi } from './support/lazyUi';

beforeAll(preloadLazyUi);

const service = createFakeService(buildState());
let unmount: () => void;
beforeAll(() => {
  ({ unmount } = renderApp(service));
});
afterAll(() => unmount());
beforeEach(() => jest.clearAllMocks());

function showCall(patch: Partial<CallState> = {}) {
  const call = buildCall({ sid: 'CA-out', to: 'client:bob', ...patch });
  act(() =>
    service.setState(
      buildState({ calls: [call], activeCallSid: call.sid, device: { isBusy: call.status !== 'closed' } }),
    ),
  );
  return call;
}
const callRegion = () => screen.getByRole('region', { name: 'Call to bob' });
const user = () => userEvent.setup({ delay: null });

describe('ActiveCall', () => {
  it.each<[CallStatus, string, boolean]>([
    ['connecting', 'Calling…', false],
    ['ringing', 'Ringing…', false],
    ['open', 'Connected', true],
    ['reconnecting', 'Reconnecting…', true],
    ['closed', 'Call ended', false],
  ])('renders status %s in human words "%s" (in-call controls usable: %s)', (status, words, usable) => {
    showCall({
      status,
      answeredAt: status === 'open' || status === 'reconnecting' || status === 'closed' ? Date.now() - 1000 : null,
      endedAt: status === 'closed' ? Date.now() : null,
      endReason: status === 'closed' ? 'remote-hangup' : null,
    });
    if (status === 'closed') {
      // The ended call gives way to the after-call summary: no call controls are left.
      expect(screen.queryByRole('button', { name: 'Hang up' })).not.toBeInTheDocument();
      const summary = screen.getByRole('region', { name: 'Call with bob ended' });
      expect(summary).toHaveTextContent('The other person hung up.');
      expect(summary).not.toHaveTextContent('remote-hangup');
      return;
    }
    const region = callRegion();
    expect(within(region).getByText(words)).toBeInTheDocument();
    expect(region).not.toHaveTextContent(new RegExp(`\\b${status}\\b`));
    expect(region).toHaveTextContent('Audio: opus');
    expect(within(region).getByRole('button', { name: 'Hang up' })).toBeEnabled();
    expect(within(region).getByRole('button', { name: 'Mute' })).toHaveProperty('disabled', !usable);
    expect(within(region).getByRole('button', { name: 'Keypad' })).toHaveProperty('disabled', !usable);
  });

  it('shows the incoming direction and a missing codec', () => {
    act(() =>
      service.setState(
        buildState({
          calls: [
            buildCall({
              sid: 'CA-in',
              direction: 'incoming',
              from: 'client:carol',
              codec: null,
              status: 'connecting',
              answeredAt: null,
            }),
          ],
        }),
      ),
    );
    expect(screen.getByRole('region', { name: 'Call from carol' })).toHaveTextContent('Audio: connecting');
  });

  it('runs a timer from answeredAt', () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T10:00:00Z') });
    try {
      showCall({ status: 'open', answeredAt: Date.now() - 65_000 });
      expect(within(callRegion()).getByRole('timer', { name: 'Call duration' })).toHaveTextContent('1:05');
      act(() => jest.advanceTimersByTime(3000));
      expect(within(callRegion()).getByRole('timer', { name: 'Call duration' })).toHaveTextContent('1:08');
    } finally {
      jest.useRealTimers();
    }
  });

  it('has no timer before the call is answered', () => {
    showCall({ status: 'ringing', answeredAt: null });
    expect(within(callRegion()).queryByRole('timer')).not.toBeInTheDocument();
  });

  it('toggles mute with the label following the state (Mute ↔ Unmute)', async () => {
    showCall({ status: 'open', muted: false });
    const mute = within(callRegion()).getByRole('button', { name: 'Mute' });
    await user().click(mute);
    expect(service.mute).toHaveBeenCalledWith(true, 'CA-out');
    showCall({ status: 'open', muted: true });
    expect(within(callRegion()).queryByRole('button', { name: 'Mute' })).toBeNull();
    expect(callRegion()).toHaveTextContent('Your microphone is muted.');
    await user().click(within(callRegion()).getByRole('button', { name: 'Unmute' }));
    expect(service.mute).toHaveBeenLastCalledWith(false, 'CA-out');
  });

  it('hangs up the call and shows a failure', async () => {
    showCall({ status: 'open' });
    await user().click(within(callRegion()).getByRole('button', { name: 'Hang up' }));
    expect(service.hangup).toHaveBeenCalledWith('CA-out');
    service.failNext('hangup', new SoftphoneError('no_active_call', 'That call has already ended.'));
    await user().click(within(callRegion()).getByRole('button', { name: 'Hang up' }));
    expect(await within(callRegion()).findByRole('alert')).toHaveTextContent('That call has already ended.');
    expect(within(callRegion()).getAllByRole('alert')).toHaveLength(1);
  });

  it('sends DTMF from the in-call keypad and from a validated sequence', async () => {
    const u = user();
    showCall({ status: 'open' });
    await u.click(within(callRegion()).getByRole('button', { name: 'Keypad' }));
    const keypad = within(callRegion()).getByRole('group', { name: 'Call keypad' });
    await u.click(within(keypad).getByRole('button', { name: 'Send tone #' }));
    expect(service.sendDigits).toHaveBeenCalledWith('#', 'CA-out');

    const tones = within(callRegion()).getByRole('textbox', { name: 'Tones' });
    await u.type(tones, '12a');
    expect(tones).toHaveAttribute('aria-invalid', 'true');
    expect(tones).toHaveAccessibleDescription(/Only 0-9, \*, # and w/);
    expect(within(callRegion()).getByRole('button', { name: 'Send tones' })).toBeDisabled();
    await u.keyboard('{Enter}');
    expect(service.sendDigits).toHaveBeenCalledTimes(1);

    await u.clear(tones);
    await u.type(tones, '1w2#{Enter}');
    expect(service.sendDigits).toHaveBeenLastCalledWith('1w2#', 'CA-out');
    expect(tones).toHaveValue('');
  });

  it('shows each quality warning with plain advice and removes it when cleared', () => {
    showCall({ status: 'open', warnings: [...CALL_WARNINGS] });
    const list = within(callRegion()).getByRole('list', { name: 'Call quality warnings' });
    for (const name of CALL_WARNINGS) {
      const keys = warningKeys(name) as { title: keyof typeof en; advice: keyof typeof en };
      expect(within(list).getByText(en[keys.title])).toBeInTheDocument();
      expect(within(list).getByText(en[keys.advice])).toBeInTheDocument();
    }
    showCall({ status: 'open', warnings: ['high-rtt'] });
    expect(
      within(callRegion())
        .getAllByRole('listitem')
        .filter((li) => li.closest('ul')),
    ).toHaveLength(1);
    showCall({ status: 'open', warnings: [] });
    expect(within(callRegion()).queryByRole('list', { name: 'Call quality warnings' })).not.toBeInTheDocument();
  });

  it('shows a reconnecting banner and announces it', () => {
    showCall({ status: 'open' });
    showCall({ status: 'reconnecting', reconnecting: true });
    expect(within(callRegion()).getByText(/Reconnecting… The connection dropped/)).toBeVisible();
    expect(screen.getByRole('status', { name: 'Call announcements' })).toHaveTextContent(
      'Reconnecting the call with bob.',
    );
    showCall({ status: 'open', reconnecting: false });
    expect(within(callRegion()).queryByText(/Reconnecting…/)).not.toBeInTheDocument();
    expect(screen.getByRole('status', { name: 'Call announcements' })).toHaveTextContent('Connected with bob.');
  });

  it('logs call messages as text and sends new ones', async () => {
    const u = user();
    showCall({
      status: 'open',
      messages: [
        { direction: 'received', content: '<img src=x onerror=alert(1)>', messageType: 'user-defined-message', at: 1 },
        {
          direction: 'sent',
          content: { menu: 'main' },
          messageType: 'user-defined-message',
          voiceEventSid: 'KX1',
          at: 2,
        },
      ],
    });
    const log = within(callRegion()).getByRole('list', { name: 'Message log' });
    expect(
      within(log)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Received: <img src=x onerror=alert(1)>', 'Sent: {"menu":"main"}']);
    expect(log.querySelector('img')).toBeNull();

    await u.type(within(callRegion()).getByRole('textbox', { name: 'Message' }), 'hello bob');
    await u.click(within(callRegion()).getByRole('button', { name: 'Send message' }));
    expect(service.sendMessage).toHaveBeenCalledWith('hello bob', 'user-defined-message', 'CA-out');

    service.failNext('sendMessage', new SoftphoneError('upstream_failed' as never, 'The message is too large.'));
    await u.type(within(callRegion()).getByRole('textbox', { name: 'Message' }), 'again');
    await u.click(within(callRegion()).getByRole('button', { name: 'Send message' }));
    expect(
      await within(within(callRegion()).getByRole('group', { name: 'Call messages' })).findByRole('alert'),
    ).toHaveTextContent('The phone service could not do that right now. Try again in a moment.');
  });
});
