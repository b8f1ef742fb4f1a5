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

  it('moves focus to Accept when the call arrives', () => {
    screen.getByRole('textbox', { name: 'Number or client name' }).focus();
    ring();
    expect(screen.getByRole('button', { name: 'Accept' })).toHaveFocus();
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
    expect(await within(card()).findByRole('alert')).toHaveTextContent('Microphone access was refused.');
  });
});
