/**
 * The SDK's cypress/e2e/callMute.cy.ts against the local gateway: one call between two Devices (the spec's
 * `before`), then mute and unmute on both sides with their `mute` events, in the spec's order.
 */
import { openScenarioRig, type ScenarioRig } from './support/scenarioRig';
import type { CallPair } from './support/scenarioPage';

jest.setTimeout(60_000);

let rig: ScenarioRig;

beforeAll(async () => {
  rig = await openScenarioRig();
  await rig.run(async (s) => {
    s.keep('pair', await s.connectPair());
  });
});

afterAll(async () => {
  await rig?.close();
});

type MuteOutcome = { emitted: boolean[]; isMuted: boolean };

test('neither side is muted by default', async () => {
  const muted = await rig.run((s) => {
    const { call1, call2 } = s.kept<CallPair>('pair');
    return [call1.isMuted(), call2.isMuted()];
  });
  expect(muted).toEqual([false, false]);
});

test.each([
  ['mutes the call and emits mute(true)', true],
  ['unmutes the call and emits mute(false)', false],
])('%s', async (_title, mute) => {
  const outcome = await rig.run(async (s, shouldMute: boolean) => {
    const { call1 } = s.kept<CallPair>('pair');
    const emitted = s.expectEvent<boolean>(call1, 'mute');
    call1.mute(shouldMute);
    return { emitted: [await emitted], isMuted: call1.isMuted() };
  }, mute);
  expect(outcome).toEqual<MuteOutcome>({ emitted: [mute], isMuted: mute });
});

test('muting an already muted call emits nothing', async () => {
  const emitted = await rig.run((s) => {
    const { call1 } = s.kept<CallPair>('pair');
    call1.mute(true);
    const events = s.record(call1, ['mute'], ['mute']);
    call1.mute(true);
    const seen = [...events];
    call1.mute(false);
    return seen;
  });
  expect(emitted).toEqual([]);
});

test('mutes the incoming side', async () => {
  const outcome = await rig.run(async (s) => {
    const { call2 } = s.kept<CallPair>('pair');
    const emitted = s.expectEvent<boolean>(call2, 'mute');
    call2.mute(true);
    const result = { emitted: [await emitted], isMuted: call2.isMuted() };
    call2.mute(false);
    return result;
  });
  expect(outcome).toEqual<MuteOutcome>({ emitted: [true], isMuted: true });
});

test('hangs up: the callee disconnects, the caller gets disconnect', async () => {
  const status = await rig.run(async (s) => {
    const { call1, call2, device1, device2 } = s.kept<CallPair>('pair');
    const disconnected = s.expectEvent(call1, 'disconnect');
    call2.disconnect();
    await disconnected;
    const result = call1.status();
    s.destroy(device1, device2);
    return result;
  });
  expect(status).toBe('closed');
});
