/**
 * The SDK's cypress/e2e/callIgnore.cy.ts against the local gateway: ignore() closes a pending incoming call without
 * a `disconnect` event, and is a no-op on an accepted call.
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

test.concurrent('ignoring a pending incoming call closes it and emits no disconnect', async () => {
  const seen = await rig.run(async (s) => {
    const [identity1, identity2] = [s.identity('id1'), s.identity('id2')];
    const [device1, device2] = await Promise.all([s.device(identity1), s.device(identity2)]);
    await Promise.all([device1.register(), device2.register()]);
    const incoming = s.expectEvent<InstanceType<typeof s.Call>>(device2, 'incoming');
    const outgoing = await device1.connect({ params: { To: identity2 } });
    const call = await incoming;
    const before = call.status();
    const events = s.record(call, ['disconnect', 'cancel', 'reject', 'accept']);
    call.ignore();
    const after = call.status();
    // Instead of the spec's fixed second: the caller gives up, and a round trip on the ignoring Device's socket
    // (unregister waits for the gateway's reply) proves every frame the gateway sent it before has arrived.
    outgoing.disconnect();
    await device2.unregister();
    s.destroy(device1, device2);
    return { before, after, events };
  });
  expect(seen.before).toBe('pending');
  expect(seen.after).toBe('closed');
  expect(seen.events).not.toContain('disconnect');
});

test.concurrent('ignore is a no-op on an accepted call', async () => {
  const seen = await rig.run(async (s) => {
    const pair = await s.connectPair();
    const thrown = s.thrown(() => pair.call2.ignore());
    const status = pair.call2.status();
    s.destroy(pair.device1, pair.device2);
    return { thrown, status };
  });
  expect(seen).toEqual({ thrown: null, status: 'open' });
});
