/**
 * @jest-environment jsdom
 *
 * The call-log sibling shows call control (issue #12): hold, resume, transfer, consult, merge and switch events in
 * words, and held / conference changes of the state.
 */
import { describeCallControl, describeEvent, describeStateChange } from '../../demo/callLog/log';
import type { CallControlEventName } from '../../src/contract/schema';
import { buildCall, buildState } from '../../src/contract/testing';

const event = (name: CallControlEventName, data: unknown) =>
  ({ v: 1, instance: 'alice', source: 'callControl', name, callSid: 'CA0123456789abcdef', at: 1, data }) as const;

it.each([
  ['hold', { held: true }, 'call put on hold (CA0123…cdef)'],
  ['resume', { held: false }, 'call resumed (CA0123…cdef)'],
  ['transfer', { to: 'client:carol', mode: 'blind' }, 'call transferred to client:carol (blind) (CA0123…cdef)'],
  ['transfer', { to: '+14155550100', mode: 'warm' }, 'call transferred to +14155550100 (talk first) (CA0123…cdef)'],
  ['consult', { consultFor: 'CA1' }, 'consult call for CA1 (CA0123…cdef)'],
  ['completeTransfer', {}, 'transfer completed (CA0123…cdef)'],
  ['merge', { conferenceSid: 'CF1' }, 'calls merged into conference CF1 (CA0123…cdef)'],
  ['switchCall', { from: 'CA2' }, 'switched calls (CA2 on hold) (CA0123…cdef)'],
] as const)('describes %s events', (name, data, text) => {
  expect(describeEvent(event(name, data)).text).toBe(text);
});

it('ignores malformed data', () => {
  expect(describeCallControl('transfer', 'nonsense')).toBe('call transferred to ? (blind)');
});

it('logs held and conference changes of the state', () => {
  const live = buildCall({ sid: 'CA1' });
  const before = buildState({ calls: [live] });
  const held = buildState({ calls: [{ ...live, held: true, heldAt: 5 }] });
  expect(describeStateChange(before, held, 9).map((l) => l.text)).toEqual(['call CA1: on hold']);
  const merged = buildState({ calls: [{ ...live, conferenceSid: 'CF9' }] });
  expect(describeStateChange(held, merged, 10).map((l) => l.text)).toEqual([
    'call CA1: resumed',
    'call CA1: in conference CF9',
  ]);
});
