/**
 * Recent calls and the multi-tab notices over the fake service: the persisted history with Redial / Call back, the
 * missed count until the list is opened, Clear history, "Use this tab for audio" in a follower, and the note for a
 * saved device that no longer exists.
 */
import { act, screen, within } from '@testing-library/react/pure';
import userEvent from '@testing-library/user-event';
import type { HistoryEntry } from '../../src/contract/schema';
import { buildCall, buildState } from '../../src/contract/testing';
import { createFakeService } from './support/spiedFakeService';
import { renderApp } from './support/renderApp';

const service = createFakeService(buildState());
let unmount: () => void;
beforeAll(() => {
  ({ unmount } = renderApp(service));
});
afterAll(() => unmount());

const entry = (id: string, overrides: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id,
  twilioCallSid: null,
  direction: 'incoming',
  peer: 'client:bob',
  startedAt: Date.now() - 60_000,
  answeredAt: null,
  endedAt: Date.now() - 50_000,
  durationMs: 0,
  endReason: 'canceled',
  missed: true,
  ...overrides,
});

const recent = () => screen.getByRole('button', { name: /Recent calls/ });

beforeEach(() => {
  jest.clearAllMocks();
  localStorage.clear();
  act(() => service.setState(buildState()));
});

describe('Recent calls', () => {
  it('counts missed calls until the list is opened, then offers Call back and Redial', async () => {
    const user = userEvent.setup({ delay: null });
    act(() =>
      service.setHistory([
        entry('CA1'),
        entry('CA2', { direction: 'outgoing', peer: '+14155550100', answeredAt: 1, durationMs: 65_000, missed: false }),
        entry('CA3', { peer: 'client:carol' }),
      ]),
    );
    expect(recent()).toHaveTextContent('2 missed');
    await user.click(recent());
    expect(recent()).not.toHaveTextContent('missed');
    const list = screen.getByRole('list', { name: 'Recent calls' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(3);
    expect(within(list).getByText(/Outgoing · .* · 1:05/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Call back carol' }));
    expect(service.dial).toHaveBeenLastCalledWith('client:carol');
    await user.click(screen.getByRole('button', { name: 'Redial +14155550100' }));
    expect(service.dial).toHaveBeenLastCalledWith('+14155550100');
  });

  it('counts the missed calls again when a newer one arrives, and forgets them when another tab opens the list', () => {
    act(() => service.setHistory([entry('CA9', { endedAt: Date.now() + 60_000 })]));
    expect(recent()).toHaveTextContent('1 missed');
    const key = 'switchboard-softphone:missed-seen:alice';
    localStorage.setItem(key, String(Date.now() + 120_000));
    act(() => {
      window.dispatchEvent(new StorageEvent('storage', { key }));
    });
    expect(recent()).not.toHaveTextContent('missed');
  });

  it('leaves the in-call screen without redial buttons, and clears the history on request', async () => {
    const user = userEvent.setup({ delay: null });
    act(() => service.setHistory([entry('CA1', { missed: false, endReason: 'rejected' })]));
    if (!screen.queryByRole('list', { name: 'Recent calls' })) await user.click(recent());
    act(() => service.setState(buildState({ calls: [buildCall({ status: 'open' })], activeCallSid: 'CA0001' })));
    // During a call the idle screen (dial box, pad, recent calls) gives way to the call.
    expect(screen.queryByRole('button', { name: 'Call back bob' })).toBeNull();
    act(() => service.setState(buildState()));
    if (!screen.queryByRole('list', { name: 'Recent calls' })) await user.click(recent());
    expect(screen.getByRole('button', { name: 'Call back bob' })).toBeEnabled();
    expect(screen.getByText(/Declined/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear history' }));
    expect(service.clearHistory).toHaveBeenCalledTimes(1);
    act(() => service.setHistory([])); // record mode: the test plays the store's answer
    expect(screen.getByText('No calls yet.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Clear history' })).toBeNull();
  });
});

describe('tabs', () => {
  it('a follower with no call offers to move the audio here; not while a call is in progress, not in the leader', async () => {
    const user = userEvent.setup({ delay: null });
    const notice = () => screen.queryByRole('status', { name: 'Audio in another tab' });
    act(() => service.setState(buildState({ device: { tab: { role: 'leader', tabs: 2 } } })));
    expect(notice()).toBeNull();
    act(() => service.setState(buildState({ device: { tab: { role: 'follower', tabs: 3 } } })));
    expect(notice()).toHaveTextContent('open in 3 tabs');
    await user.click(screen.getByRole('button', { name: 'Use this tab for audio' }));
    expect(service.useThisTab).toHaveBeenCalledTimes(1);
    act(() =>
      service.setState(
        buildState({ device: { tab: { role: 'follower', tabs: 3 } }, calls: [buildCall({ status: 'open' })] }),
      ),
    );
    expect(screen.queryByRole('button', { name: 'Use this tab for audio' })).toBeNull();
  });

  it('names the saved device that no longer exists', () => {
    const note = () => screen.queryByRole('status', { name: 'Saved audio device missing' });
    expect(note()).toBeNull();
    act(() => service.setState(buildState({ audio: { savedDeviceMissing: ['input', 'output'] } })));
    expect(note()).toHaveTextContent(
      'Your saved microphone and speaker are no longer available; the defaults are used instead.',
    );
  });
});
