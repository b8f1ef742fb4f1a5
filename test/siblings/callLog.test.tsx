/**
 * @jest-environment jsdom
 *
 * The call-log sibling: current state per softphone and a bounded live log, fed by the exported RxJS client.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import '@testing-library/jest-dom';
import type { CallState, SoftphoneEvent, SoftphoneState } from '../../src/contract/schema';
import { CallLog } from '../../demo/callLog/CallLog';
import { describeStateChange, MAX_LOG_ENTRIES, prependBounded } from '../../demo/callLog/log';
import { trackWindowListeners } from './support/listenerCount';
import { buildCall, buildState } from '../../src/contract/testing';
import { loadBusValidators } from '../../src/bus/lazyValidators';

// At run time the name resolves through the import map; in Jest, to the module's bus client source.
jest.mock('@switchboard/softphone', () => jest.requireActual('../../src/bus/client'), { virtual: true });

// The client's validators are a lazy chunk (test/bus/lazyValidators.test.ts); loaded, states arrive synchronously.
beforeAll(() => loadBusValidators());

function state(instance: string, device: SoftphoneState['device']['state'], calls: CallState[] = []): SoftphoneState {
  return buildState({
    instance,
    device: { state: device, isBusy: calls.length > 0, edge: null, home: null, tokenExpiresAt: null },
    audio: { inputs: [], outputs: [], selectedInput: null, selectedOutputs: [], selectedRingtoneOutputs: [] },
    calls,
    activeCallSid: calls[0]?.sid ?? null,
  });
}

function call(status: CallState['status'], extra: Partial<CallState> = {}): CallState {
  const sid = 'CA0123456789abcdef';
  return buildCall({
    sid,
    twilioCallSid: sid,
    direction: 'incoming',
    status,
    codec: null,
    startedAt: 1,
    answeredAt: null,
    ...extra,
  });
}

function publishState(detail: SoftphoneState): void {
  act(() => {
    window.dispatchEvent(new CustomEvent('softphone:state', { detail }));
  });
}

function publishEvent(name: SoftphoneEvent['name'], instance = 'bob'): void {
  const detail = { v: 1, instance, source: 'call', name, callSid: 'CA0123456789abcdef', at: Date.now(), data: null };
  act(() => {
    window.dispatchEvent(new CustomEvent('softphone:event', { detail }));
  });
}

const logLines = () =>
  within(screen.getByRole('list', { name: 'Event log' }))
    .queryAllByRole('listitem')
    .map((li) => li.textContent);

it('asks for the current state when it mounts and shows each softphone in a table', () => {
  const requests: unknown[] = [];
  const onRequest = (e: Event) => requests.push((e as CustomEvent).detail);
  window.addEventListener('softphone:state-request', onRequest);
  const view = render(<CallLog />);
  expect(requests).toEqual([{ v: 1 }]);
  publishState(state('bob', 'registered'));
  publishState(state('alice', 'registering'));
  const rows = within(screen.getByRole('table', { name: 'Current state' }))
    .getAllByRole('row')
    .slice(1);
  expect(rows.map((r) => r.textContent)).toEqual(['aliceregisteringno call', 'bobregisteredno call']);
  view.unmount();
  window.removeEventListener('softphone:state-request', onRequest);
});

it('logs state changes and events in arrival order, newest first', () => {
  const view = render(<CallLog />);
  publishState(state('bob', 'registering'));
  publishState(state('bob', 'registered'));
  publishState(state('bob', 'registered', [call('pending')]));
  publishEvent('accept');
  publishState(state('bob', 'registered', [call('open')]));
  publishState(state('bob', 'registered', [call('open', { muted: true })]));
  expect(logLines().map((line) => line?.replace(/^\d\d:\d\d:\d\d/, ''))).toEqual([
    'bobcall CA0123…cdef: muted',
    'bobcall CA0123…cdef: pending → open',
    'bobcall accept (CA0123…cdef)',
    'bobincoming call from client:alice (CA0123…cdef): pending',
    'bobdevice registering → registered',
    'bobdevice registering',
  ]);
  const bob = within(screen.getByRole('table', { name: 'Current state' })).getByRole('row', { name: /bob/ });
  expect(bob).toHaveTextContent('open: from client:alice (muted)');
  view.unmount();
});

it('hides volume and sample events unless asked to show them', () => {
  const view = render(<CallLog />);
  publishEvent('volume');
  publishEvent('sample');
  expect(logLines()).toEqual([]);
  fireEvent.click(screen.getByRole('checkbox', { name: 'Show volume and sample events' }));
  publishEvent('volume');
  expect(logLines()).toHaveLength(1);
  fireEvent.click(screen.getByRole('button', { name: 'Clear log' }));
  expect(logLines()).toEqual([]);
  view.unmount();
});

it(`keeps at most ${MAX_LOG_ENTRIES} entries`, () => {
  const view = render(<CallLog />);
  const detail = { v: 1, instance: 'bob', source: 'call', name: 'ringing', at: 1, data: null };
  act(() => {
    for (let i = 0; i < MAX_LOG_ENTRIES + 25; i += 1)
      window.dispatchEvent(new CustomEvent('softphone:event', { detail }));
  });
  expect(logLines()).toHaveLength(MAX_LOG_ENTRIES);
  view.unmount();
});

it('removes every window listener when unmounted', () => {
  const listeners = trackWindowListeners();
  const view = render(<CallLog />);
  expect(listeners.active('softphone:state')).toBe(1);
  expect(listeners.active('softphone:event')).toBe(1);
  view.unmount();
  expect(listeners.active()).toBe(0);
  listeners.restore();
});

describe('describeStateChange', () => {
  it('reports a closed call with its reason and a new error once', () => {
    const error = {
      code: 31005,
      message: 'Connection error',
      explanation: '',
      solutions: [],
      severity: 'transient' as const,
      source: 'call' as const,
      at: 5,
    };
    const before = state('alice', 'registered', [call('open')]);
    const after = {
      ...state('alice', 'registered', [call('closed', { endReason: 'remote-hangup' })]),
      lastError: error,
    };
    expect(describeStateChange(before, after, 9).map((l) => l.text)).toEqual([
      'call CA0123…cdef: open → closed (remote-hangup)',
      'error 31005: Connection error',
    ]);
    expect(describeStateChange(after, after, 10)).toEqual([]);
  });
});

describe('prependBounded', () => {
  it('puts the newest line first and numbers lines in arrival order', () => {
    const log = prependBounded(
      [],
      [
        { at: 1, instance: 'a', kind: 'event', text: 'first' },
        { at: 2, instance: 'a', kind: 'event', text: 'second' },
      ],
      1,
      3,
    );
    const next = prependBounded(
      log,
      [
        { at: 3, instance: 'a', kind: 'event', text: 'third' },
        { at: 4, instance: 'a', kind: 'event', text: 'fourth' },
      ],
      3,
      3,
    );
    expect(next.map((e) => [e.seq, e.text])).toEqual([
      [4, 'fourth'],
      [3, 'third'],
      [2, 'second'],
    ]);
  });
});

it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
  'keeps the identity "%s" like any other (phones are kept in a Map)',
  (identity) => {
    render(<CallLog />);
    publishState(state(identity, 'registering'));
    publishState(state(identity, 'registered', [call('ringing')]));
    const row = document.querySelector(`tr[data-instance="${identity}"]`) as HTMLElement;
    expect(within(row).getByText('registered')).toBeInTheDocument();
    expect(logLines().some((line) => line?.endsWith(`${identity}device registering → registered`))).toBe(true);
  },
);
