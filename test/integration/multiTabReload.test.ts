/**
 * Calls that survive a reload and history that persists, across tabs of one person, with the real SDK: a follower
 * reloads mid-call and the call keeps its audio; the leader warns before it unloads during a call; a sibling in a
 * follower tab dials over the bus and gets exactly one reply; the history is the same in every tab, survives a
 * reload, and redials.
 */
import type { Dialog } from 'playwright-core';
import { instrumentTab } from './support/tabInstrumentation';
import { eventually, MultiTabStack, sendBusCommand, waitForAudioBothWays, type Tab } from './support/multiTab';

jest.setTimeout(120_000);

let stack: MultiTabStack;
beforeAll(async () => {
  stack = await MultiTabStack.start(instrumentTab);
});
afterAll(async () => {
  await stack?.stop();
});

/** Two tabs of `identity`: the first leads (registered), the second follows. */
async function leaderAndFollower(identity: string): Promise<[Tab, Tab]> {
  const leader = await stack.openTab(identity);
  await leader.waitForState((s) => s.device.state === 'registered' && s.device.tab?.role === 'leader', 'leader');
  const follower = await stack.openTab(identity);
  await follower.waitForState((s) => s.device.tab?.role === 'follower' && s.device.state === 'registered', 'follower');
  return [leader, follower];
}

const openCall = (tab: Tab) => tab.phone.root.getByRole('region', { name: /^Call (from|to)/ });

async function answerIncomingIn(tab: Tab, identity: string): Promise<string> {
  const callSid = await stack.placeIncomingCall(identity);
  await tab.phone.incomingCall.waitFor();
  await tab.phone.incomingCall.getByRole('button', { name: 'Accept' }).click();
  await tab.phone.waitForCallStatus(openCall(tab), 'open');
  return callSid;
}

it('reloading a follower mid-call leaves the call open with audio both ways', async () => {
  const [leader, follower] = await leaderAndFollower('carol');
  const farEnd = await answerIncomingIn(follower, 'carol');
  await waitForAudioBothWays(leader);
  const [registration] = await stack.waitForRegistrations('carol', 1);
  const before = (await follower.state()).calls.find((c) => c.status === 'open');
  expect(before).toBeDefined();

  await follower.page.reload();
  const after = await follower.waitForState(
    (s) => s.device.tab?.role === 'follower' && s.calls.some((c) => c.status === 'open'),
    'the reloaded follower shows the open call',
  );
  expect(after.calls.find((c) => c.status === 'open')?.sid).toBe(before!.sid);
  await follower.phone.waitForCallStatus(openCall(follower), 'open');
  await waitForAudioBothWays(leader);
  expect(await stack.waitForRegistrations('carol', 1)).toEqual([registration]);
  await stack.hangUpFarEnd(farEnd);
  await follower.waitForState((s) => s.calls.every((c) => c.status === 'closed'), 'ended');
  await Promise.all([leader.page.close(), follower.page.close()]);
});

it('reloading the leader mid-call warns first; going on moves the phone to the other tab', async () => {
  const [leader, follower] = await leaderAndFollower('dave');
  await answerIncomingIn(leader, 'dave'); // a click in the page: Chromium then allows the beforeunload prompt
  const dialogs: string[] = [];
  const onDialog = (dialog: Dialog): void => {
    dialogs.push(dialog.type());
    void (dialogs.length === 1 ? dialog.dismiss() : dialog.accept());
  };
  leader.page.on('dialog', onDialog);

  await leader.page.close({ runBeforeUnload: true }); // the person stays: the call goes on
  await eventually(
    () => dialogs,
    (d) => d.length === 1,
    'a beforeunload prompt',
  );
  expect(dialogs).toEqual(['beforeunload']);
  expect(leader.page.isClosed()).toBe(false);
  expect((await leader.state()).calls.some((c) => c.status === 'open')).toBe(true);

  const [before] = await stack.waitForRegistrations('dave', 1);
  await leader.page.close({ runBeforeUnload: true }); // the person goes on
  await eventually(
    () => dialogs,
    (d) => d.length === 2,
    'a second prompt',
  );
  expect(dialogs).toEqual(['beforeunload', 'beforeunload']);
  await follower.waitForState((s) => s.device.tab?.role === 'leader' && s.device.state === 'registered', 'takeover');
  const [after] = await stack.waitForRegistrations('dave', 1);
  expect(after!.sessionId).not.toBe(before!.sessionId);
  await follower.page.close();
});

it('a sibling in a follower tab dials over the bus and gets exactly one reply; history is shared, persists and redials', async () => {
  const [leader, follower] = await leaderAndFollower('erin');
  await sendBusCommand(leader, { type: 'history', limit: 500 }).then(async ([reply]) => {
    if ((reply?.result as { calls: unknown[] }).calls.length > 0) throw new Error('erin starts with a history');
  });

  const dialed = await sendBusCommand(follower, { type: 'dial', to: '+14155550100' });
  expect(dialed).toEqual([
    { v: 1, id: expect.any(String), instance: 'erin', ok: true, result: { callSid: expect.any(String) } },
  ]);
  await leader.waitForState((s) => s.calls.some((c) => c.status === 'open'), 'the echo test answers');
  const hungUp = await sendBusCommand(follower, { type: 'hangup' });
  expect(hungUp).toEqual([{ v: 1, id: expect.any(String), instance: 'erin', ok: true }]);

  const historyIn = async (tab: Tab) => {
    const [reply, ...more] = await sendBusCommand(tab, { type: 'history' }, 300);
    expect(more).toEqual([]);
    return (reply!.result as { calls: { peer: string; direction: string }[] }).calls;
  };
  await eventually(
    () => historyIn(leader),
    (c) => c.length === 1,
    'one call in the history',
  );
  const calls = await historyIn(leader);
  expect(calls).toMatchObject([{ peer: '+14155550100', direction: 'outgoing', missed: false }]);
  expect(await historyIn(follower)).toEqual(calls);

  await leader.page.reload(); // idle: no warning; the follower takes over meanwhile
  await leader.waitForState((s) => s.device.state === 'registered', 'reloaded');
  expect(await historyIn(leader)).toEqual(calls);

  const recent = follower.phone.root.getByRole('button', { name: /Recent calls/ });
  await recent.click();
  await follower.phone.root.getByRole('button', { name: 'Redial +14155550100' }).click();
  await follower.waitForState(
    (s) => s.calls.some((c) => c.direction === 'outgoing' && c.to === '+14155550100' && c.status === 'open'),
    'the redialled call connects',
  );
  await sendBusCommand(follower, { type: 'hangupAll' }, 200);
  await eventually(
    () => historyIn(follower),
    (c) => c.length === 2,
    'two calls in the history',
  );
  await Promise.all([leader.page.close(), follower.page.close()]);
});
