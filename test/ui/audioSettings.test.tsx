import { act, screen } from '@testing-library/react/pure';
import userEvent from '@testing-library/user-event';
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
const user = () => userEvent.setup({ delay: null });
const optionLabels = (name: string) =>
  Array.from((screen.getByRole('combobox', { name }) as HTMLSelectElement).options).map((o) => o.text);

describe('AudioSettings', () => {
  it('lists microphones by label and selects one', async () => {
    expect(optionLabels('Microphone')).toEqual(['Default - Built-in Microphone', 'USB Headset Microphone']);
    expect(screen.getByRole('combobox', { name: 'Microphone' })).toHaveValue('default');
    await user().selectOptions(screen.getByRole('combobox', { name: 'Microphone' }), 'usb-mic');
    expect(service.setInputDevice).toHaveBeenCalledWith('usb-mic');
  });

  it('names unlabelled devices instead of showing blanks', () => {
    act(() =>
      service.setState(
        buildState({
          audio: {
            inputs: [
              { deviceId: 'default', label: '' },
              { deviceId: 'x', label: '' },
            ],
          },
        }),
      ),
    );
    expect(optionLabels('Microphone')).toEqual(['Default microphone', 'Microphone 2']);
  });

  it('selects speaker and ringtone outputs when the browser supports it', async () => {
    const u = user();
    await u.selectOptions(screen.getByRole('combobox', { name: 'Speaker' }), 'usb-out');
    expect(service.setOutputDevice).toHaveBeenCalledWith(['usb-out']);
    await u.selectOptions(screen.getByRole('combobox', { name: 'Ringtone output' }), 'usb-out');
    expect(service.setRingtoneDevice).toHaveBeenCalledWith(['usb-out']);
  });

  it('hides output pickers when output selection is unsupported', () => {
    act(() => service.setState(buildState({ audio: { outputSelectionSupported: false } })));
    expect(screen.queryByRole('combobox', { name: 'Speaker' })).not.toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Ringtone output' })).not.toBeInTheDocument();
    expect(screen.getByText(/default speaker/)).toBeInTheDocument();
  });

  it('says when no microphone exists', () => {
    act(() => service.setState(buildState({ audio: { inputs: [], selectedInput: null } })));
    expect(screen.getByRole('combobox', { name: 'Microphone' })).toBeDisabled();
    expect(optionLabels('Microphone')).toEqual(['No microphone found']);
  });

  it('tests the speaker and shows a failure', async () => {
    const u = user();
    await u.click(screen.getByRole('button', { name: 'Test speaker' }));
    expect(service.testSpeaker).toHaveBeenCalledTimes(1);
    service.failNext('testSpeaker', new SoftphoneError('sdk_error', 'The test sound could not play.'));
    await u.click(screen.getByRole('button', { name: 'Test speaker' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The test sound could not play.');
  });

  it('shows failures of device selection', async () => {
    service.failNext('setInputDevice', new SoftphoneError('invalid_argument', 'That microphone is gone.'));
    await user().selectOptions(screen.getByRole('combobox', { name: 'Microphone' }), 'usb-mic');
    // A known code reads in the person's language, with what to do next.
    expect(
      await screen.findByText('That value is not allowed. Check what you entered and try again.'),
    ).toBeInTheDocument();
  });

  it('is a region named after the phone, so several softphones on a page stay distinguishable', () => {
    expect(screen.getByRole('region', { name: 'Audio settings for alice' })).toContainElement(
      screen.getByRole('combobox', { name: 'Microphone' }),
    );
  });

  it('has a microphone level meter that follows the selected microphone without a call', () => {
    expect(service.getState().calls).toEqual([]);
    const meter = screen.getByRole('meter', { name: 'Microphone level' });
    expect(meter).toHaveAttribute('aria-valuenow', '0');
    act(() => service.pushMicLevel(0.42));
    expect(meter).toHaveAttribute('aria-valuenow', '42');
    expect(meter).toHaveAttribute('aria-valuetext', '42%');
    expect(screen.queryByText(/while a call is connected/)).not.toBeInTheDocument();
  });

  it('does not move the microphone meter with call volume samples (the call has its own meters)', () => {
    const meter = screen.getByRole('meter', { name: 'Microphone level' });
    act(() => service.pushMicLevel(0.1));
    act(() => service.pushVolume({ callSid: 'CA-1', input: 0.9, output: 0.9 }));
    expect(meter).toHaveAttribute('aria-valuenow', '10');
  });
});
