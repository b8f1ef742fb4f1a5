/**
 * Keyboard shortcuts: answer, reject, mute, hold, hang up, focus the dial box; listed in a help panel; never while
 * a text field (the host page's or ours) has focus; page-level keys go to the first softphone only; configurable
 * and disable-able by a prop.
 */
import { act, cleanup, render, screen, within } from '@testing-library/react/pure';
import userEvent from '@testing-library/user-event';
import { buildCall, buildState } from '../../src/contract/testing';
import { SoftphoneApp } from '../../src/ui/SoftphoneApp';
import { createFakeService } from './support/spiedFakeService';
import { renderApp } from './support/renderApp';

afterEach(cleanup);

const ringing = buildCall({
  sid: 'CA-in',
  direction: 'incoming',
  status: 'pending',
  from: 'client:carol',
  answeredAt: null,
});
const live = buildCall({ sid: 'CA-live', status: 'open' });
const press = (combo: string) => userEvent.setup({ delay: null }).keyboard(combo);

describe('shortcuts', () => {
  it('answer and reject a ringing call with nothing focused', async () => {
    const service = createFakeService(buildState({ calls: [ringing] }));
    renderApp(service);
    (document.activeElement as HTMLElement | null)?.blur();
    await press('{Alt>}{Shift>}a{/Shift}{/Alt}');
    expect(service.accept).toHaveBeenCalledWith('CA-in');
    await press('{Alt>}{Shift>}r{/Shift}{/Alt}');
    expect(service.reject).toHaveBeenCalledWith('CA-in');
  });

  it('mute, hold and hang up the live call while focus is on one of the softphone’s buttons', async () => {
    const service = createFakeService(
      buildState({ calls: [live], activeCallSid: 'CA-live', device: { isBusy: true } }),
    );
    renderApp(service);
    screen.getByRole('button', { name: 'Keypad' }).focus();
    await press('{Alt>}{Shift>}m{/Shift}{/Alt}');
    expect(service.mute).toHaveBeenCalledWith(true, 'CA-live');
    await press('{Alt>}{Shift>}h{/Shift}{/Alt}');
    expect(service.hold).toHaveBeenCalledWith(true, 'CA-live');
    await press('{Alt>}{Shift>}e{/Shift}{/Alt}');
    expect(service.hangup).toHaveBeenCalledWith('CA-live');
  });

  it('focuses the dial box', async () => {
    renderApp(createFakeService());
    (document.activeElement as HTMLElement | null)?.blur();
    await press('{Alt>}{Shift>}d{/Shift}{/Alt}');
    expect(screen.getByRole('textbox', { name: 'Number or client name' })).toHaveFocus();
  });

  it('never fire while the host page’s own input, or the dial box, has focus', async () => {
    const service = createFakeService(buildState({ calls: [ringing] }));
    renderApp(service);
    const hostInput = document.createElement('input');
    hostInput.setAttribute('aria-label', 'Host search');
    document.body.append(hostInput);
    hostInput.focus();
    await press('{Alt>}{Shift>}a{/Shift}{/Alt}');
    screen.getByRole('textbox', { name: 'Number or client name' }).focus();
    await press('{Alt>}{Shift>}a{/Shift}{/Alt}');
    expect(service.accept).not.toHaveBeenCalled();
    hostInput.remove();
  });

  it('with two phones on a page, a page-level key goes to the first one only', async () => {
    const alice = createFakeService(buildState({ calls: [ringing] }));
    const bob = createFakeService(buildState({ instance: 'bob', device: { identity: 'bob' }, calls: [ringing] }));
    render(
      <>
        <SoftphoneApp service={alice} />
        <SoftphoneApp service={bob} />
      </>,
    );
    (document.activeElement as HTMLElement | null)?.blur();
    await press('{Alt>}{Shift>}a{/Shift}{/Alt}');
    expect(alice.accept).toHaveBeenCalledTimes(1);
    expect(bob.accept).not.toHaveBeenCalled();
    // Focus inside bob's phone: the key is bob's.
    within(screen.getByRole('region', { name: 'Softphone bob' }))
      .getByRole('button', { name: 'Reject' })
      .focus();
    await press('{Alt>}{Shift>}a{/Shift}{/Alt}');
    expect(bob.accept).toHaveBeenCalledTimes(1);
    expect(alice.accept).toHaveBeenCalledTimes(1);
  });

  it('are configurable per action and can be turned off, and the help panel lists them', async () => {
    const service = createFakeService(buildState({ calls: [ringing] }));
    const { unmount } = renderApp(service, { shortcuts: { answer: 'Ctrl+Alt+1', reject: null } });
    (document.activeElement as HTMLElement | null)?.blur();
    await press('{Alt>}{Shift>}a{/Shift}{/Alt}');
    await press('{Alt>}{Shift>}r{/Shift}{/Alt}');
    expect(service.accept).not.toHaveBeenCalled();
    expect(service.reject).not.toHaveBeenCalled();
    await press('{Control>}{Alt>}1{/Alt}{/Control}');
    expect(service.accept).toHaveBeenCalledWith('CA-in');

    const toggle = screen.getByRole('button', { name: 'Keyboard shortcuts' });
    act(() => toggle.click());
    const help = within(screen.getByRole('group', { name: 'Keyboard shortcuts' }));
    expect(help.getByText('Ctrl+Alt+1')).toBeInTheDocument();
    expect(help.getByText('Answer')).toBeInTheDocument();
    expect(help.queryByText('Reject')).toBeNull();
    expect(help.getByText('Alt+Shift+M')).toBeInTheDocument();
    unmount();

    const off = createFakeService(buildState({ calls: [ringing] }));
    renderApp(off, { shortcuts: false });
    (document.activeElement as HTMLElement | null)?.blur();
    await press('{Alt>}{Shift>}a{/Shift}{/Alt}');
    expect(off.accept).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Keyboard shortcuts' })).toBeNull();
  });
});
