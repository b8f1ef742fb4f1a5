/**
 * The SDK's cypress/e2e/callSendDigits.cy.ts against the local gateway: sendDigits on an open call between two
 * Devices (digits, `*` `#`, `w` pauses), InvalidArgumentError for other characters, then hang up.
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

test.each([
  ['a single digit', '1'],
  ['several digits', '123'],
  ['* and #', '*#'],
  ['w for a pause', '1w2'],
])('sends %s without throwing', async (_title, digits) => {
  const thrown = await rig.run((s, d: string) => s.thrown(() => s.kept<CallPair>('pair').call1.sendDigits(d)), digits);
  expect(thrown).toBeNull();
});

test('throws InvalidArgumentError on other characters', async () => {
  const thrown = await rig.run((s) => s.thrown(() => s.kept<CallPair>('pair').call1.sendDigits('abc')));
  expect(thrown?.name).toBe('InvalidArgumentError');
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
