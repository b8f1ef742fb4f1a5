import { act, screen, within } from '@testing-library/react/pure';
import userEvent from '@testing-library/user-event';
import { SoftphoneError } from '../../src/contract/service';
import { buildCall, buildState } from '../../src/contract/testing';
import { createFakeService } from './support/spiedFakeService';
import { renderApp } from './support/renderApp';

const XSS_IMG = '<img src=x onerror="window.__xss=1">';
const XSS_SCRIPT = '<script>window.__xss=2</script>';

const ringing = buildCall({
  sid: 'CA-in-1',
  direction: 'incoming',
  status: 'pending',
  from: XSS_IMG,
  to: 'client:alice',
  answeredAt: null,
  customParameters: { [XSS_SCRIPT]: XSS_IMG, account: 'ACME <b>gold</b>' },
});

const service = createFakeService(buildState());
let unmount: () => void;
beforeAll(() => {
  document.title = 'Host page';
  ({ unmount } = renderApp(service));
});
afterAll(() => unmount());
beforeEach(() => {
  jest.clearAllMocks();
  act(() => service.setState(buildState()));
});

const ring = () => act(() => service.setState(buildState({ calls: [ringing] })));
const card = () => screen.getByRole('region', { name: 'Incoming call' });

describe('IncomingCall', () => {
  it('renders caller id and custom parameters as inert text', () => {
    ring();
    const region = card();
    expect(region).toHaveTextContent(`From: ${XSS_IMG}`);
    expect(within(region).getByText(XSS_SCRIPT)).toBeInTheDocument();
    expect(within(region).getByText('ACME <b>gold</b>')).toBeInTheDocument();
    expect(region.querySelector('img, script, b')).toBeNull();
    expect((window as unknown as { __xss?: number }).__xss).toBeUndefined();
  });

  it('never takes focus from the dial box: the typed digits stay and Enter does not answer', async () => {
    const user = userEvent.setup({ delay: null });
    const input = screen.getByRole('textbox', { name: 'Number or client name' });
    await user.click(input);
    await user.type(input, '+1415');
    ring();
    expect(input).toHaveFocus();
    await user.type(input, '5550100{Enter}');
    expect(input).toHaveFocus();
    expect(service.accept).not.toHaveBeenCalled();
    expect(service.dial).toHaveBeenCalledWith('+14155550100');
    expect(screen.getByRole('status', { name: 'Call announcements' })).toHaveTextContent('Incoming call from');
  });

  it('moves focus to Accept when the person was not typing', () => {
    const later = jest.spyOn(performance, 'now').mockReturnValue(performance.now() + 60_000);
    try {
      (document.activeElement as HTMLElement | null)?.blur();
      ring();
      expect(screen.getByRole('button', { name: 'Accept' })).toHaveFocus();
    } finally {
      later.mockRestore();
    }
  });

  it('never takes focus from the host page’s own controls', () => {
    const hostButton = document.createElement('button');
    hostButton.textContent = 'Host action';
    document.body.append(hostButton);
    const later = jest.spyOn(performance, 'now').mockReturnValue(performance.now() + 60_000);
    try {
      hostButton.focus();
      ring();
      expect(hostButton).toHaveFocus();
    } finally {
      later.mockRestore();
      hostButton.remove();
    }
  });

  it('is call waiting beside a call in progress: accepting holds the current call', () => {
    const live = {
      ...ringing,
      sid: 'CA-live',
      status: 'open' as const,
      direction: 'outgoing' as const,
      from: 'client:alice',
      to: 'client:bob',
      answeredAt: 1,
    };
    act(() =>
      service.setState(buildState({ calls: [live, ringing], activeCallSid: 'CA-live', device: { isBusy: true } })),
    );
    const waiting = screen.getByRole('region', { name: 'Call waiting' });
    expect(within(waiting).getByRole('button', { name: 'Accept' })).toHaveAccessibleDescription(
      'Accepting puts your current call on hold.',
    );
    expect(screen.getByRole('region', { name: 'Call to bob' })).toBeInTheDocument();
  });

  it('shows a visual ringing indication and the caller in the document title, restored afterwards', () => {
    ring();
    expect(within(card()).getByText('Ringing')).toBeVisible();
    expect(document.title).toBe(`Incoming call from ${XSS_IMG} · Host page`);
    act(() => service.setState(buildState({ calls: [{ ...ringing, status: 'closed', endReason: 'canceled' }] })));
    expect(screen.queryByRole('region', { name: 'Incoming call' })).not.toBeInTheDocument();
    expect(document.title).toBe('Host page');
  });

  it('keeps the title right when two calls ring and stop in any order', () => {
    const second = { ...ringing, sid: 'CA-in-2', from: 'client:dave', customParameters: {} };
    act(() => service.setState(buildState({ calls: [ringing] })));
    act(() => service.setState(buildState({ calls: [ringing, second] })));
    expect(document.title).toBe('Incoming call from dave · Host page');
    act(() => service.setState(buildState({ calls: [second] })));
    expect(document.title).toBe('Incoming call from dave · Host page');
    act(() => service.setState(buildState({ calls: [] })));
    expect(document.title).toBe('Host page');
  });

  it('announces the incoming call politely', () => {
    ring();
    expect(screen.getByRole('status', { name: 'Call announcements' })).toHaveTextContent(
      `Incoming call from ${XSS_IMG}.`,
    );
  });

  it.each([
    ['Accept', 'accept'],
    ['Reject', 'reject'],
    ['Ignore', 'ignore'],
  ] as const)('%s calls service.%s with the call sid', async (name, method) => {
    const user = userEvent.setup({ delay: null });
    ring();
    await user.click(screen.getByRole('button', { name }));
    expect(service[method]).toHaveBeenCalledWith('CA-in-1');
  });

  it('shows why accepting failed', async () => {
    const user = userEvent.setup({ delay: null });
    service.failNext('accept', new SoftphoneError('microphone_denied', 'Microphone access was refused.'));
    ring();
    await user.click(screen.getByRole('button', { name: 'Accept' }));
    expect(await within(card()).findByRole('alert')).toHaveTextContent(
      'The microphone is blocked. Allow the microphone in the browser’s site settings',
    );
  });
});
