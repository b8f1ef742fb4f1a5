/**
 * "Test speaker" plays the deployment's own sound (the `/sounds` URL the client-config advertises) on the selected
 * speaker, never Twilio's CDN, says what to do when nothing was heard, and shows a failure with a next step.
 */
import { screen } from '@testing-library/react/pure';
import userEvent from '@testing-library/user-event';
import { buildState } from '../../src/contract/testing';
import { createFakeService } from './support/spiedFakeService';
import { renderApp } from './support/renderApp';

const LOCAL_SOUND = 'https://localhost:9000/sounds/outgoing.wav';

let played: Array<{ src: string; sinkId: string | null }> = [];
let failPlay = false;
beforeEach(() => {
  played = [];
  failPlay = false;
  jest.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function (this: HTMLMediaElement) {
    if (failPlay) return Promise.reject(new DOMException('no device', 'NotAllowedError'));
    played.push({ src: this.src, sinkId: (this as HTMLMediaElement & { sinkId?: string }).sinkId ?? null });
    queueMicrotask(() => this.dispatchEvent(new Event('ended')));
    return Promise.resolve();
  });
  (HTMLMediaElement.prototype as unknown as { setSinkId: (id: string) => Promise<void> }).setSinkId = function (
    this: HTMLMediaElement & { sinkId?: string },
    id: string,
  ) {
    this.sinkId = id;
    return Promise.resolve();
  };
});
afterEach(() => jest.restoreAllMocks());

it('plays the local sound on the selected speaker and asks whether it was heard', async () => {
  const service = createFakeService(
    buildState({ audio: { outputs: [{ deviceId: 'spk-2', label: 'Headset' }], selectedOutputs: ['spk-2'] } }),
  );
  const { unmount } = renderApp(service, { testSoundUrl: LOCAL_SOUND });
  await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Test speaker' }));
  expect(await screen.findByText('Did you hear it? If not, choose another speaker.')).toBeInTheDocument();
  expect(played).toEqual([{ src: LOCAL_SOUND, sinkId: 'spk-2' }]);
  expect(played.some((p) => p.src.includes('twilio.com'))).toBe(false);
  expect(service.testSpeaker).not.toHaveBeenCalled();
  unmount();
});

it('shows why the test failed and what to do next', async () => {
  failPlay = true;
  const { unmount } = renderApp(createFakeService(), { testSoundUrl: LOCAL_SOUND });
  await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Test speaker' }));
  expect(await screen.findByRole('alert')).toHaveTextContent(
    'The test sound could not play. Check the speaker and try again.',
  );
  expect(screen.getByRole('button', { name: 'Test speaker' })).toBeEnabled();
  unmount();
});
