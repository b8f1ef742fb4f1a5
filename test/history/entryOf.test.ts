/** Which calls become which history entries: finished ones only, with duration and the missed flag. */
import { buildCall } from '../../src/contract/testing';
import { historyEntryOf } from '../../src/history/entryOf';

describe('historyEntryOf', () => {
  it('ignores calls that have not ended', () => {
    expect(historyEntryOf(buildCall({ status: 'open' }))).toBeNull();
    expect(historyEntryOf(buildCall({ status: 'pending', direction: 'incoming' }))).toBeNull();
  });

  it('records an answered call with its connected time and its peer', () => {
    const call = buildCall({
      sid: 'CA1',
      direction: 'outgoing',
      to: '+14155550100',
      status: 'closed',
      startedAt: 1000,
      answeredAt: 3000,
      endedAt: 10_000,
      endReason: 'local-hangup',
    });
    expect(historyEntryOf(call)).toMatchObject({
      id: 'CA1',
      peer: '+14155550100',
      durationMs: 7000,
      missed: false,
      endReason: 'local-hangup',
    });
  });

  it.each([
    ['canceled', true],
    ['remote-hangup', true],
    ['rejected', false],
    ['ignored', false],
  ])('an unanswered incoming call that ended %s is missed: %s', (endReason, missed) => {
    const call = buildCall({
      direction: 'incoming',
      from: 'client:bob',
      status: 'closed',
      answeredAt: null,
      endedAt: 5000,
      endReason,
    });
    expect(historyEntryOf(call)).toMatchObject({ peer: 'client:bob', missed, durationMs: 0 });
  });
});
