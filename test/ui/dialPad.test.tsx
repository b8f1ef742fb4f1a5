import { act, screen, within } from '@testing-library/react/pure';
import userEvent from '@testing-library/user-event';
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

const input = () => screen.getByRole('textbox', { name: 'Number or client name' });
const callButton = () => screen.getByRole('button', { name: 'Call' });
const dialPad = () => screen.getByRole('group', { name: 'Dial pad' });

/** Replaces the field's content (pasted: typing each key through MUI is slow in jsdom). */
async function typeTarget(text: string) {
  const user = userEvent.setup({ delay: null });
  await user.clear(input());
  if (text) await user.paste(text);
  return user;
}

beforeEach(async () => {
  jest.clearAllMocks();
  act(() => service.setState(buildState()));
  await typeTarget('');
});

describe('DialPad', () => {
  it('validates while typing: a partial number is refused, the complete one accepted', async () => {
    const user = await typeTarget('');
    await user.type(input(), '+1415');
    expect(input()).toHaveAccessibleDescription('+1415 is not a valid phone number.');
    expect(callButton()).toBeDisabled();
    await user.type(input(), '5550100');
    expect(input()).toHaveAttribute('aria-invalid', 'false');
    expect(callButton()).toBeEnabled();
  });

  it('dials a valid E.164 number with the normalised number and clears the field', async () => {
    const user = await typeTarget('+1 415 555 0100');
    expect(input()).toHaveAccessibleDescription('Calls +1 415 555 0100');
    expect(callButton()).toBeEnabled();
    await user.click(callButton());
    expect(service.dial).toHaveBeenCalledWith('+14155550100');
    expect(input()).toHaveValue('');
  });

  it('dials client:name when Enter is pressed in the field', async () => {
    const user = await typeTarget('client:bob');
    await user.keyboard('{Enter}');
    expect(service.dial).toHaveBeenCalledWith('client:bob');
  });

  it.each([
    ['4155550100', 'international format'],
    ['+1415abc', 'only digits after the +'],
    ['+1 999', 'not a valid phone number'],
    ['client:bad name!', 'client identity uses letters'],
  ])('refuses %s with the reason and does not dial', async (text, reason) => {
    const user = await typeTarget(text);
    expect(input()).toHaveAttribute('aria-invalid', 'true');
    expect(input()).toHaveAccessibleDescription(new RegExp(reason));
    expect(callButton()).toBeDisabled();
    await user.keyboard('{Enter}');
    expect(service.dial).not.toHaveBeenCalled();
  });

  it('builds the number from the 12-key pad by mouse and by keyboard', async () => {
    const user = await typeTarget('+4420');
    for (const key of ['7', '9', '4', '6', '0']) await user.click(within(dialPad()).getByRole('button', { name: key }));
    within(dialPad()).getByRole('button', { name: '0' }).focus();
    await user.keyboard('{Enter}');
    await user.keyboard(' ');
    expect(input()).toHaveValue('+4420794600' + '0');
    expect(
      within(dialPad())
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']);
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(input()).toHaveValue('+442079460' + '0');
  });

  it.each([
    ['not started yet', () => buildState({ device: { state: 'initializing' } }), /not connected yet \(Starting…\)/],
    ['microphone denied', () => buildState({ microphone: { permission: 'denied' } }), /Microphone access is blocked/],
    ['reconnecting', () => buildState({ device: { state: 'reconnecting' } }), /Reconnecting to the call service/],
  ])('disables Call with a visible reason when %s', async (_label, state, reason) => {
    await typeTarget('client:bob');
    act(() => service.setState(state()));
    expect(callButton()).toBeDisabled();
    expect(callButton()).toHaveAccessibleDescription(reason);
    expect(screen.getByText(reason)).toBeVisible();
  });

  it('shows the reason a dial failed', async () => {
    service.failNext('dial', new SoftphoneError('busy', 'Already in a call.'));
    const user = await typeTarget('client:bob');
    await user.click(callButton());
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Call failed: You are already in a call. Finish or hold the current call first.',
    );
    expect(input()).toHaveValue('client:bob');
    await user.type(input(), 'x');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('dials from an unregistered phone (Twilio places outgoing calls without registering)', async () => {
    const user = await typeTarget('client:bob');
    act(() => service.setState(buildState({ device: { state: 'unregistered' } })));
    expect(callButton()).toBeEnabled();
    await user.click(callButton());
    expect(service.dial).toHaveBeenCalledWith('client:bob');
  });

  it('offers a bare name as a client target', async () => {
    const user = await typeTarget('alice');
    expect(input()).toHaveAttribute('aria-invalid', 'false');
    expect(input()).toHaveAccessibleDescription('Calls the app user alice');
    await user.click(callButton());
    expect(service.dial).toHaveBeenCalledWith('client:alice');
  });

  it('during a call shows no dial pad at all: the call has the one keypad', () => {
    act(() =>
      service.setState(
        buildState({ device: { isBusy: true }, calls: [buildCall({ sid: 'CA-1' })], activeCallSid: 'CA-1' }),
      ),
    );
    expect(screen.queryByRole('group', { name: 'Dial pad' })).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'Number or client name' })).toBeNull();
    expect(screen.queryByText(/Busy/)).toBeNull();
    act(() => screen.getByRole('button', { name: 'Keypad' }).click());
    expect(screen.getByRole('group', { name: 'Call keypad' })).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Dial pad' })).toBeNull();
  });
});

describe('DialPad with a default country', () => {
  it('formats a national number to E.164, shows it formatted, and dials it', async () => {
    const own = createFakeService(buildState({ instance: 'carol', device: { identity: 'carol' } }));
    const { unmount: close, getByRole } = renderApp(own, { defaultCountry: 'US' });
    const user = userEvent.setup({ delay: null });
    const field = within(getByRole('region', { name: 'Softphone carol' })).getByRole('textbox', {
      name: 'Number or client name',
    });
    await user.click(field);
    await user.paste('(415) 555-0100');
    expect(field).toHaveAttribute('aria-invalid', 'false');
    expect(field).toHaveAccessibleDescription('Calls +1 415 555 0100');
    await user.keyboard('{Enter}');
    expect(own.dial).toHaveBeenCalledWith('+14155550100');
    close();
  });
});
