/**
 * @jest-environment jsdom
 *
 * The call log's persisted history: asked for with the targeted `history` command when a softphone first shows up,
 * then replaced by each `history` event; a softphone that cannot answer is asked again on its next state.
 */
import { act, render, screen, within } from '@testing-library/react';
import '@testing-library/jest-dom';
import type { HistoryEntry } from '../../src/contract/schema';
import { CallLog } from '../../demo/callLog/CallLog';
import { buildState } from '../../src/contract/testing';

jest.mock('@switchboard/softphone', () => jest.requireActual('../../src/bus/client'), { virtual: true });

const entry = (id: string, overrides: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id,
  twilioCallSid: null,
  direction: 'incoming',
  peer: 'client:bob',
  startedAt: 1_700_000_000_000,
  answeredAt: null,
  endedAt: 1_700_000_005_000,
  durationMs: 0,
  endReason: 'canceled',
  missed: true,
  ...overrides,
});

type Command = { id: string; type: string; target?: string; limit?: number };

/** Answers `history` commands like a softphone would, with `calls` (or an error); records what it was asked. */
function answerHistory(calls: Record<string, HistoryEntry[] | 'fail'>): { asked: Command[]; stop: () => void } {
  const asked: Command[] = [];
  const onCommand = (event: Event) => {
    const command = (event as CustomEvent<Command>).detail;
    if (command.type !== 'history') return;
    asked.push(command);
    const answer = calls[command.target ?? ''];
    const detail =
      answer === 'fail' || answer === undefined
        ? { v: 1, id: command.id, ok: false, error: { code: 'invalid_command', message: 'unknown type' } }
        : { v: 1, id: command.id, instance: command.target, ok: true, result: { calls: answer } };
    queueMicrotask(() => window.dispatchEvent(new CustomEvent('softphone:reply', { detail })));
  };
  window.addEventListener('softphone:command', onCommand);
  return { asked, stop: () => window.removeEventListener('softphone:command', onCommand) };
}

const historyRows = () =>
  within(screen.getByRole('table', { name: 'Call history (persisted)' }))
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.textContent);

async function publishState(instance: string, device: 'registering' | 'registered' = 'registered'): Promise<void> {
  await act(async () => {
    const detail = buildState({ instance, device: { state: device } });
    window.dispatchEvent(new CustomEvent('softphone:state', { detail }));
    // Let the reply's promise chain settle (one macrotask: every microtask before it has run).
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

it('reads each softphone’s persisted calls once, by target, and shows them', async () => {
  const softphones = answerHistory({
    alice: [
      entry('CA1'),
      entry('CA2', { direction: 'outgoing', peer: '+14155550100', answeredAt: 1, durationMs: 7000, missed: false }),
    ],
    bob: [],
  });
  const view = render(<CallLog />);
  await publishState('alice', 'registering');
  await publishState('bob');
  await publishState('alice');
  expect(softphones.asked.map((c) => [c.target, c.limit])).toEqual([
    ['alice', 20],
    ['bob', 20],
  ]);
  const rows = historyRows();
  expect(rows).toHaveLength(2);
  expect(rows[0]).toMatch(/^alice.*from client:bobmissed$/);
  expect(rows[1]).toMatch(/^alice.*to \+141555501007 s$/);
  view.unmount();
  softphones.stop();
});

it('replaces a softphone’s rows with the calls of its history event', async () => {
  const softphones = answerHistory({ alice: [entry('CA1')] });
  const view = render(<CallLog />);
  await publishState('alice');
  expect(historyRows()).toHaveLength(1);
  const detail = {
    v: 1,
    instance: 'alice',
    source: 'history',
    name: 'changed',
    at: 2,
    data: { calls: [entry('CA3', { missed: false, endReason: 'rejected' }), entry('CA1')] },
  };
  await act(async () => {
    window.dispatchEvent(new CustomEvent('softphone:event', { detail }));
  });
  expect(historyRows().map((row) => row?.endsWith('rejected') || row?.endsWith('missed'))).toEqual([true, true]);
  expect(historyRows()[0]).toMatch(/rejected$/);
  view.unmount();
  softphones.stop();
});

it('asks again on the next state when a softphone could not answer', async () => {
  const softphones = answerHistory({ carol: 'fail' });
  const view = render(<CallLog />);
  await publishState('carol', 'registering');
  await publishState('carol');
  expect(softphones.asked.map((c) => c.target)).toEqual(['carol', 'carol']);
  expect(screen.queryByRole('table', { name: 'Call history (persisted)' })).toBeNull();
  view.unmount();
  softphones.stop();
});
