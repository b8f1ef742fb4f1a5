/**
 * The SDK's cypress/e2e/callStatus.cy.ts against the local gateway: Call.status() of both sides through pending,
 * connecting/ringing, open and closed (disconnect, reject, ignore). Each scenario has its own two Devices.
 */
import { openScenarioRig, type ScenarioRig } from './support/scenarioRig';

jest.setTimeout(60_000);

let rig: ScenarioRig;

beforeAll(async () => {
  rig = await openScenarioRig();
});

afterAll(async () => {
  await rig?.close();
});

test.concurrent('an incoming call is pending before it is accepted', async () => {
  const status = await rig.run(async (s) => {
    const [identity1, identity2] = [s.identity('id1'), s.identity('id2')];
    const [device1, device2] = await Promise.all([s.device(identity1), s.device(identity2)]);
    await Promise.all([device1.register(), device2.register()]);
    const incoming = s.expectEvent<InstanceType<typeof s.Call>>(device2, 'incoming');
    await device1.connect({ params: { To: identity2 } });
    const status = (await incoming).status();
    s.destroy(device1, device2);
    return status;
  });
  expect(status).toBe('pending');
});

test.concurrent('an outgoing call goes from connecting (or ringing) to open', async () => {
  const seen = await rig.run(async (s) => {
    const [identity1, identity2] = [s.identity('id1'), s.identity('id2')];
    const [device1, device2] = await Promise.all([s.device(identity1), s.device(identity2)]);
    await Promise.all([device1.register(), device2.register()]);
    const incoming = s.expectEvent<InstanceType<typeof s.Call>>(device2, 'incoming');
    const outgoing = await device1.connect({ params: { To: identity2 } });
    const incomingCall = await incoming;
    const before = outgoing.status();
    const accepted = s.expectEvent(outgoing, 'accept');
    incomingCall.accept();
    await accepted;
    const after = outgoing.status();
    s.destroy(device1, device2);
    return { before, after };
  });
  expect(['connecting', 'ringing', 'open']).toContain(seen.before);
  expect(seen.after).toBe('open');
});

test.concurrent('both sides are open after accept', async () => {
  const statuses = await rig.run(async (s) => {
    const pair = await s.connectPair();
    const result = [pair.call1.status(), pair.call2.status()];
    s.destroy(pair.device1, pair.device2);
    return result;
  });
  expect(statuses).toEqual(['open', 'open']);
});

test.concurrent('both sides are closed after disconnect', async () => {
  const statuses = await rig.run(async (s) => {
    const pair = await s.connectPair();
    const disconnected = s.expectEvent(pair.call1, 'disconnect');
    pair.call2.disconnect();
    await disconnected;
    const result = [pair.call1.status(), pair.call2.status()];
    s.destroy(pair.device1, pair.device2);
    return result;
  });
  expect(statuses).toEqual(['closed', 'closed']);
});

test.concurrent('an incoming call is closed after reject, and after ignore', async () => {
  const statuses = await rig.run(async (s) => {
    const endings: string[] = [];
    for (const end of ['reject', 'ignore'] as const) {
      const [identity1, identity2] = [s.identity('id1'), s.identity('id2')];
      const [device1, device2] = await Promise.all([s.device(identity1), s.device(identity2)]);
      await Promise.all([device1.register(), device2.register()]);
      const incoming = s.expectEvent<InstanceType<typeof s.Call>>(device2, 'incoming');
      await device1.connect({ params: { To: identity2 } });
      const call = await incoming;
      call[end]();
      endings.push(call.status());
      s.destroy(device1, device2);
    }
    return endings;
  });
  expect(statuses).toEqual(['closed', 'closed']);
});
