/**
 * axe-core over the rendered UI in each main state. jsdom has no layout or computed colours, so the
 * colour-contrast rule cannot run here (the theme sets MUI's contrastThreshold to 4.5 for AA instead).
 */
import { act, render, screen, within } from '@testing-library/react/pure';
import axe from 'axe-core';
import { SoftphoneApp } from '../../src/ui/SoftphoneApp';
import { buildCall, buildState } from '../../src/contract/testing';
import { createFakeService } from './support/spiedFakeService';
import { renderApp } from './support/renderApp';

// axe probes icon ligatures with a canvas, which jsdom lacks; without one it simply skips that check.
beforeAll(() => {
  jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

const service = createFakeService(buildState());
let unmount: () => void;
let container: HTMLElement;
beforeAll(() => {
  ({ unmount, container } = renderApp(service));
});
afterAll(() => unmount());

async function violations(): Promise<string[]> {
  const result = await axe.run(container, {
    rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('accessibility', () => {
  it('idle (registered, no call)', async () => {
    expect(await violations()).toEqual([]);
  });

  it('incoming call with custom parameters', async () => {
    act(() =>
      service.setState(
        buildState({
          calls: [
            buildCall({
              sid: 'CA-in',
              direction: 'incoming',
              status: 'pending',
              from: '+14155550100',
              answeredAt: null,
              customParameters: { account: 'ACME' },
            }),
          ],
        }),
      ),
    );
    expect(await violations()).toEqual([]);
  });

  it('in a call with warnings, messages and the keypad open', async () => {
    act(() =>
      service.setState(
        buildState({
          device: { isBusy: true },
          activeCallSid: 'CA-1',
          calls: [
            buildCall({
              sid: 'CA-1',
              warnings: ['high-rtt'],
              messages: [{ direction: 'received', content: 'hi', messageType: 'user-defined-message', at: 1 }],
            }),
          ],
        }),
      ),
    );
    act(() =>
      within(screen.getByRole('region', { name: 'Call to bob' }))
        .getByRole('button', { name: 'Keypad' })
        .click(),
    );
    expect(await violations()).toEqual([]);
  });

  it('after a call (feedback) with a blocking error', async () => {
    act(() =>
      service.setState(
        buildState({
          calls: [buildCall({ sid: 'CA-1', status: 'closed', endedAt: Date.now(), endReason: 'remote-hangup' })],
          lastError: {
            code: 31401,
            message: 'Microphone permission denied',
            explanation: 'Blocked.',
            solutions: ['Allow it.'],
            severity: 'blocking',
            source: 'microphone',
            at: 1,
          },
        }),
      ),
    );
    expect(await violations()).toEqual([]);
  });

  it('unregistered with the microphone blocked', async () => {
    act(() =>
      service.setState(buildState({ device: { state: 'unregistered' }, microphone: { permission: 'denied' } })),
    );
    expect(await violations()).toEqual([]);
  });
});

describe('two softphones on one page', () => {
  it('have no two landmarks with the same role and name, even in a call with each other', async () => {
    const aliceService = createFakeService(
      buildState({
        calls: [buildCall({ sid: 'CA-1', direction: 'outgoing', to: 'client:bob', messages: [] })],
        activeCallSid: 'CA-1',
        device: { isBusy: true },
      }),
    );
    const bobService = createFakeService(
      buildState({
        instance: 'bob',
        device: { identity: 'bob', isBusy: true },
        calls: [
          buildCall({ sid: 'CA-1', direction: 'incoming', from: 'client:alice', to: 'client:bob', messages: [] }),
        ],
        activeCallSid: 'CA-1',
      }),
    );
    const page = render(
      <>
        <SoftphoneApp service={aliceService} />
        <SoftphoneApp service={bobService} />
      </>,
    );
    // Both phones show audio settings, tones, a transfer form and a message box: none may be a same-named landmark.
    // (During a call neither shows the dial box: the call's keypad is the one keypad.)
    const both = within(page.container);
    for (const keypad of both.getAllByRole('button', { name: 'Keypad' })) act(() => keypad.click());
    expect(both.getAllByRole('textbox', { name: 'Message' })).toHaveLength(2);
    expect(both.getAllByRole('textbox', { name: 'Tones' })).toHaveLength(2);
    expect(both.queryAllByRole('textbox', { name: 'Number or client name' })).toHaveLength(0);
    for (const transfer of both.getAllByRole('button', { name: 'Transfer' })) act(() => transfer.click());
    expect(both.getAllByRole('textbox', { name: 'Transfer to' })).toHaveLength(2);
    const result = await axe.run(page.container, {
      runOnly: ['landmark-unique', 'landmark-no-duplicate-main', 'landmark-complementary-is-top-level'],
    });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(both.getByRole('region', { name: 'Audio settings for alice' })).toBeInTheDocument();
    expect(both.getByRole('region', { name: 'Audio settings for bob' })).toBeInTheDocument();
    page.unmount();
    // Two full phones in jsdom with role queries and axe: seconds on a loaded 2-core CI machine.
  }, 30_000);
});
