/**
 * Call control in the UI (issue #12): Hold/Resume, Transfer (validated target, now or talk first), Complete
 * transfer, Merge, and the call list when two calls exist. Record-mode spies for what the UI asks; one journey over
 * the contract-mode fake (call waiting) for what the person then sees.
 */
import { act, screen, within } from '@testing-library/react/pure';
import userEvent from '@testing-library/user-event';
import { FakeSoftphoneService, buildCall, buildState } from '../../src/contract/testing';
import type { CallState } from '../../src/contract/schema';
import { createFakeService } from './support/spiedFakeService';
import { renderApp } from './support/renderApp';
import { preloadLazyUi } from './support/lazyUi';

beforeAll(preloadLazyUi);

const user = () => userEvent.setup({ delay: null });

describe('call control over scripted states', () => {
  const service = createFakeService(buildState());
  let unmount: () => void;
  beforeAll(() => {
    ({ unmount } = renderApp(service));
  });
  afterAll(() => unmount());
  beforeEach(() => jest.clearAllMocks());

  function show(...calls: CallState[]) {
    act(() =>
      service.setState(
        buildState({ calls, activeCallSid: calls[0]?.sid ?? null, device: { isBusy: calls.length > 0 } }),
      ),
    );
  }
  const bob = (patch: Partial<CallState> = {}) => buildCall({ sid: 'CA-bob', to: 'client:bob', ...patch });
  const carol = (patch: Partial<CallState> = {}) =>
    buildCall({ sid: 'CA-carol', direction: 'incoming', from: 'client:carol', to: 'client:alice', ...patch });
  const region = (name: string) => screen.getByRole('region', { name });
  const controls = (name: string) => within(within(region(name)).getByRole('group', { name: 'Call controls' }));

  it('holds and resumes, the label and status following the state', async () => {
    show(bob());
    await user().click(controls('Call to bob').getByRole('button', { name: 'Hold' }));
    expect(service.hold).toHaveBeenCalledWith(true, 'CA-bob');
    show(bob({ held: true, heldAt: Date.now() }));
    expect(within(region('Call to bob')).getByText('On hold')).toBeInTheDocument();
    expect(region('Call to bob')).toHaveTextContent('bob hears hold music. Resume to talk again.');
    await user().click(controls('Call to bob').getByRole('button', { name: 'Resume' }));
    expect(service.hold).toHaveBeenLastCalledWith(false, 'CA-bob');
    expect(screen.getByRole('status', { name: 'Call announcements' })).toHaveTextContent(
      'The call with bob is on hold.',
    );
  });

  it('lists two calls (live, and held for how long) and switches with call waiting semantics', async () => {
    show(carol(), bob({ held: true, heldAt: Date.now() - 125_000 }));
    const list = within(screen.getByRole('list', { name: 'Your calls' }));
    const items = list.getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('carol');
    expect(items[0]).toHaveTextContent('Live');
    expect(items[1]).toHaveTextContent('On hold for 2 minutes');
    await user().click(list.getByRole('button', { name: 'Switch to bob' }));
    expect(service.switchCall).toHaveBeenCalledWith('CA-bob');
    // Resume on the held call while another is live is the same switch, never a second live call.
    await user().click(controls('Call to bob').getByRole('button', { name: 'Resume' }));
    expect(service.switchCall).toHaveBeenLastCalledWith('CA-bob');
    expect(service.hold).not.toHaveBeenCalled();
  });

  it('merges a held call into the live one', async () => {
    show(carol(), bob({ held: true, heldAt: Date.now() }));
    expect(controls('Call to bob').queryByRole('button', { name: 'Merge calls' })).toBeNull();
    await user().click(controls('Call from carol').getByRole('button', { name: 'Merge calls' }));
    expect(service.merge).toHaveBeenCalledTimes(1);
  });

  it('transfers with a validated target, now (blind) or after talking first (warm)', async () => {
    const u = user();
    show(bob());
    const transfer = controls('Call to bob').getByRole('button', { name: 'Transfer' });
    await u.click(transfer);
    expect(transfer).toHaveAttribute('aria-expanded', 'true');
    const panel = within(screen.getByRole('group', { name: 'Transfer the call with bob' }));
    const target = panel.getByRole('textbox', { name: 'Transfer to' });
    await u.type(target, '+1415');
    expect(target).toHaveAttribute('aria-invalid', 'true');
    expect(target).toHaveAccessibleDescription('+1415 is not a valid phone number.');
    expect(panel.getByRole('button', { name: 'Transfer' })).toBeDisabled();
    await u.keyboard('{Enter}');
    expect(service.transfer).not.toHaveBeenCalled();

    await u.clear(target);
    await u.type(target, 'carol');
    expect(target).toHaveAccessibleDescription('Calls the app user carol');
    expect(panel.getByRole('radio', { name: 'Transfer now' })).toBeChecked();
    expect(panel.getByText('bob is connected to the new person and your call ends.')).toBeInTheDocument();
    await u.click(panel.getByRole('button', { name: 'Transfer' }));
    expect(service.transfer).toHaveBeenCalledWith('client:carol', 'CA-bob', 'blind');
    expect(screen.queryByRole('group', { name: 'Transfer the call with bob' })).toBeNull();

    await u.click(controls('Call to bob').getByRole('button', { name: 'Transfer' }));
    const again = within(screen.getByRole('group', { name: 'Transfer the call with bob' }));
    await u.type(again.getByRole('textbox', { name: 'Transfer to' }), '+14155550100');
    await u.click(again.getByRole('radio', { name: 'Talk first' }));
    expect(again.getByText('bob waits on hold while you talk to the new person.')).toBeInTheDocument();
    await u.click(again.getByRole('button', { name: 'Transfer' }));
    expect(service.transfer).toHaveBeenLastCalledWith('+14155550100', 'CA-bob', 'warm');
  });

  it('closes the transfer panel with Escape, by keyboard only', async () => {
    const u = user();
    show(bob());
    controls('Call to bob').getByRole('button', { name: 'Transfer' }).focus();
    await u.keyboard('{Enter}');
    expect(screen.getByRole('group', { name: 'Transfer the call with bob' })).toBeInTheDocument();
    await u.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: 'Transfer the call with bob' })).toBeNull();
  });

  it('offers Complete transfer on the consult call, naming whose call it is about', async () => {
    show(
      buildCall({ sid: 'CA-dave', to: 'client:dave', consultFor: 'CA-bob' }),
      bob({ held: true, heldAt: Date.now() }),
    );
    expect(region('Call to dave')).toHaveTextContent('Talking first about the call with bob.');
    expect(controls('Call to dave').queryByRole('button', { name: 'Transfer' })).toBeNull();
    await user().click(controls('Call to dave').getByRole('button', { name: 'Complete transfer' }));
    expect(service.completeTransfer).toHaveBeenCalledWith('CA-dave');
  });
});

describe('call waiting journey over the contract model', () => {
  it('a second caller rings beside the call; Accept holds the first; the list shows both', async () => {
    const service = new FakeSoftphoneService('alice', {}, { callWaiting: true });
    const { unmount } = renderApp(service);
    await act(() => service.dial('client:bob'));
    act(() =>
      service.setState((s) => ({
        ...s,
        calls: s.calls.map((c) => ({ ...c, status: 'open', answeredAt: Date.now() })),
      })),
    );
    act(() =>
      service.setState((s) => ({
        ...s,
        calls: [
          ...s.calls,
          buildCall({
            sid: 'CA-carol',
            direction: 'incoming',
            status: 'pending',
            from: 'client:carol',
            answeredAt: null,
          }),
        ],
      })),
    );
    const waiting = screen.getByRole('region', { name: 'Call waiting' });
    await user().click(within(waiting).getByRole('button', { name: 'Accept' }));
    const items = within(screen.getByRole('list', { name: 'Your calls' })).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^bob.*On hold for/),
      expect.stringMatching(/^carol.*Live/),
    ]);
    unmount();
  });
});
