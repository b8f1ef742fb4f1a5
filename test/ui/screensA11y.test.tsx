/**
 * axe-core over every screen of the redesign (idle, ringing with call waiting, in call with each panel, two calls,
 * consult, after call, settings, errors) in both themes and both widths (compact and two columns), in English and
 * Spanish. jsdom has no layout or colours, so contrast and clipping are checked by the browser test (e2e).
 */
import { act, cleanup, screen, within } from '@testing-library/react/pure';
import axe from 'axe-core';
import type { SoftphoneStateOverrides } from '../../src/contract/testing';
import { buildCall, buildState } from '../../src/contract/testing';
import { createFakeService } from './support/spiedFakeService';
import { renderApp } from './support/renderApp';

beforeAll(() => {
  jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});
afterEach(cleanup);

const bob = buildCall({ sid: 'CA-1', to: 'client:bob', warnings: ['high-rtt'] });
const carolRinging = buildCall({
  sid: 'CA-2',
  direction: 'incoming',
  status: 'pending',
  from: 'client:carol',
  answeredAt: null,
  customParameters: { account: 'ACME' },
});

interface Screen {
  name: string;
  state: SoftphoneStateOverrides;
  /** Opens a panel after rendering (button name inside the call card). */
  open?: string;
}

const SCREENS: Screen[] = [
  { name: 'idle', state: {} },
  { name: 'ringing', state: { calls: [carolRinging] } },
  { name: 'call waiting', state: { calls: [bob, carolRinging], activeCallSid: 'CA-1', device: { isBusy: true } } },
  { name: 'in call, keypad', state: { calls: [bob], activeCallSid: 'CA-1', device: { isBusy: true } }, open: 'Keypad' },
  {
    name: 'in call, transfer',
    state: { calls: [bob], activeCallSid: 'CA-1', device: { isBusy: true } },
    open: 'Transfer',
  },
  {
    name: 'two calls, consult',
    state: {
      calls: [
        { ...bob, held: true, heldAt: Date.now() },
        buildCall({ sid: 'CA-3', to: 'client:dave', consultFor: 'CA-1' }),
      ],
      activeCallSid: 'CA-3',
      device: { isBusy: true },
    },
  },
  {
    name: 'after call',
    state: { calls: [{ ...bob, status: 'closed', endedAt: Date.now(), endReason: 'remote-hangup' }] },
  },
  {
    name: 'errors, microphone blocked',
    state: {
      device: { state: 'unregistered' },
      microphone: { permission: 'denied' },
      lastError: {
        code: 31401,
        message: 'denied',
        explanation: '',
        solutions: [],
        severity: 'blocking',
        source: 'microphone',
        at: 1,
      },
    },
  },
];

const VARIANTS = [
  { theme: 'light', compact: false, locale: 'en' },
  { theme: 'dark', compact: true, locale: 'en' },
  { theme: 'light', compact: true, locale: 'es' },
  { theme: 'dark', compact: false, locale: 'es' },
] as const;

describe.each(VARIANTS)('$theme theme, compact $compact, $locale', ({ theme, compact, locale }) => {
  it.each(SCREENS)('$name has no axe violations', async ({ state, open }) => {
    const service = createFakeService(buildState(state));
    const { container } = renderApp(service, {
      compact,
      locale,
      theme: { palette: { mode: theme } },
    });
    if (open) {
      const label = locale === 'es' ? { Keypad: 'Teclado', Transfer: 'Transferir' }[open] : open;
      const call = screen
        .getAllByRole('region')
        .find((r) => /bob/.test(r.getAttribute('aria-label') ?? r.textContent ?? ''));
      act(() =>
        within(call ?? container)
          .getByRole('button', { name: label })
          .click(),
      );
    }
    const result = await axe.run(container, {
      rules: { 'color-contrast': { enabled: false }, region: { enabled: false } },
    });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
});
