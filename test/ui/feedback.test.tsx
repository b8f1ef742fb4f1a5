import { act, fireEvent, screen, within } from '@testing-library/react/pure';
import userEvent from '@testing-library/user-event';
import { FEEDBACK_ISSUES } from '../../src/contract/schema';
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

function endCall(sid: string, patch: Parameters<typeof buildCall>[0] = {}) {
  const call = buildCall({
    sid,
    status: 'closed',
    to: 'client:bob',
    endedAt: Date.now(),
    endReason: 'local-hangup',
    ...patch,
  });
  act(() => service.setState(buildState({ calls: [call] })));
  return call;
}
const prompt = () => screen.queryByRole('region', { name: 'How was your call with bob?' });
const user = () => userEvent.setup({ delay: null });
/** jsdom has no layout, so Rating's pointer-position hover logic cannot run: click the radio itself. */
const chooseScore = (score: number) =>
  fireEvent.click(within(prompt()!).getByRole('radio', { name: `${score} out of 5` }));

describe('FeedbackPrompt', () => {
  it('asks after a connected call closes and sends score and issue', async () => {
    const u = user();
    endCall('CA-1');
    const region = prompt()!;
    const send = within(region).getByRole('button', { name: 'Send feedback' });
    expect(send).toBeDisabled();
    const issue = within(region).getByRole('combobox', { name: 'What went wrong? (optional)' });
    expect(
      within(issue)
        .getAllByRole('option')
        .map((o) => (o as HTMLOptionElement).value),
    ).toEqual(['', ...FEEDBACK_ISSUES]);

    chooseScore(2);
    await u.selectOptions(issue, 'choppy-audio');
    await u.click(send);
    expect(service.postFeedback).toHaveBeenCalledWith(2, 'choppy-audio', 'CA-1');
    expect(prompt()).not.toBeInTheDocument();
    // Not shown again for the same call, even before the service reports feedbackSent.
    endCall('CA-1');
    expect(prompt()).not.toBeInTheDocument();
  });

  it('sends a score alone, without an issue', async () => {
    const u = user();
    endCall('CA-2');
    chooseScore(5);
    await u.click(within(prompt()!).getByRole('button', { name: 'Send feedback' }));
    expect(service.postFeedback).toHaveBeenCalledWith(5, undefined, 'CA-2');
  });

  it('can be skipped and then stays away', async () => {
    endCall('CA-3');
    await user().click(within(prompt()!).getByRole('button', { name: 'Skip' }));
    expect(prompt()).not.toBeInTheDocument();
    endCall('CA-3');
    expect(prompt()).not.toBeInTheDocument();
    expect(service.postFeedback).not.toHaveBeenCalled();
  });

  it('is not offered for a call that never connected or whose feedback was already sent', () => {
    endCall('CA-4', { answeredAt: null, endReason: 'rejected' });
    expect(prompt()).not.toBeInTheDocument();
    endCall('CA-5', { feedbackSent: true });
    expect(prompt()).not.toBeInTheDocument();
  });

  it('keeps the prompt open and shows why sending failed', async () => {
    const u = user();
    service.failNext('postFeedback', new SoftphoneError('sdk_error', 'Feedback could not be delivered.'));
    endCall('CA-6');
    chooseScore(3);
    await u.click(within(prompt()!).getByRole('button', { name: 'Send feedback' }));
    expect(await within(prompt()!).findByRole('alert')).toHaveTextContent('Feedback could not be delivered.');
  });
});
