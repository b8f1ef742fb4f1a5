/**
 * Settings that persist and notifications from the leader only, with the real SDK in Chromium: the chosen
 * microphone survives a reload, a saved device that no longer exists falls back to the default with a note, and
 * a hidden leader tab shows one notification for an incoming call and one for the missed call (none from the
 * follower).
 */
import { instrumentTab } from './support/tabInstrumentation';
import {
  eventually,
  hideTab,
  MultiTabStack,
  notificationsOf,
  saveChoicesDirectly,
  savedChoices,
  sendBusCommand,
  type Tab,
} from './support/multiTab';

jest.setTimeout(120_000);

let stack: MultiTabStack;
beforeAll(async () => {
  stack = await MultiTabStack.start(instrumentTab);
});
afterAll(async () => {
  await stack?.stop();
});

async function registeredTab(identity: string, role: 'leader' | 'follower' = 'leader'): Promise<Tab> {
  const tab = await stack.openTab(identity);
  await tab.waitForState(
    (s) => s.device.state === 'registered' && s.device.tab?.role === role && s.audio.inputs.length > 0,
    `${role} registered with its devices listed`,
  );
  return tab;
}

it('the chosen microphone and speaker survive a reload', async () => {
  const tab = await registeredTab('frank');
  const { inputs, outputs } = (await tab.state()).audio;
  const chosen = inputs.find((d) => d.deviceId !== 'default' && d.deviceId !== (inputs[0]?.deviceId ?? ''));
  const speaker = outputs.find((d) => d.deviceId !== 'default');
  expect(chosen && speaker).toBeDefined();
  expect(await sendBusCommand(tab, { type: 'setInputDevice', deviceId: chosen!.deviceId }, 200)).toMatchObject([
    { ok: true },
  ]);
  expect(await sendBusCommand(tab, { type: 'setOutputDevice', deviceIds: [speaker!.deviceId] }, 200)).toMatchObject([
    { ok: true },
  ]);
  await tab.waitForState(
    (s) => s.audio.selectedInput === chosen!.deviceId && s.audio.selectedOutputs.join() === speaker!.deviceId,
    'selected',
  );
  await eventually(
    () => savedChoices(tab, 'frank'),
    (saved) => saved?.input === chosen!.deviceId && saved.outputs.join() === speaker!.deviceId,
    'the choices are saved',
  );
  await tab.page.reload();
  const after = await tab.waitForState(
    (s) => s.audio.selectedInput === chosen!.deviceId && s.audio.selectedOutputs.join() === speaker!.deviceId,
    'restored after reload',
  );
  expect(after.audio.savedDeviceMissing).toEqual([]);
  await tab.page.close();
});

it('a saved microphone that no longer exists falls back to the default, with a note', async () => {
  const tab = await registeredTab('grace');
  await saveChoicesDirectly(tab, { identity: 'grace', input: 'unplugged-usb-mic', outputs: [], ringtoneOutputs: [] });
  await tab.page.reload();
  const after = await tab.waitForState((s) => (s.audio.savedDeviceMissing ?? []).includes('input'), 'noted');
  expect(after.audio.selectedInput).not.toBe('unplugged-usb-mic');
  await tab.phone.root
    .getByRole('status', { name: 'Saved audio device missing' })
    .getByText(/saved microphone is no longer available/)
    .waitFor();
  await tab.page.close();
});

it('a hidden leader shows one notification for an incoming call and one for the missed call; followers none', async () => {
  const leader = await registeredTab('heidi');
  const follower = await registeredTab('heidi', 'follower');
  await Promise.all([hideTab(leader), hideTab(follower)]);
  const callSid = await stack.placeIncomingCall('heidi', '+14155550199');
  await follower.phone.incomingCall.waitFor();
  const ringing = await eventually(
    () => notificationsOf(leader),
    (n) => n.length >= 1,
    'incoming notification',
  );
  expect(ringing).toEqual([
    { title: 'Incoming call', body: '+14155550199 is calling heidi', tag: expect.any(String), at: expect.any(Number) },
  ]);

  await stack.hangUpFarEnd(callSid); // the caller gives up: a missed call
  const all = await eventually(
    () => notificationsOf(leader),
    (n) => n.length >= 2,
    'missed notification',
  );
  await leader.waitForState((s) => s.calls.every((c) => c.status === 'closed'), 'ended');
  // The history is written after the call closed: by then any second notification would have been shown.
  await eventually(
    () => sendBusCommand(leader, { type: 'history' }, 100),
    ([reply]) => (reply?.result as { calls: { missed: boolean }[] } | undefined)?.calls[0]?.missed === true,
    'the missed call is in the history',
  );
  expect(await notificationsOf(leader)).toEqual([
    all[0],
    { title: 'Missed call', body: 'From +14155550199', tag: expect.any(String), at: expect.any(Number) },
  ]);
  expect(await notificationsOf(follower)).toEqual([]);
  await Promise.all([leader.page.close(), follower.page.close()]);
});
