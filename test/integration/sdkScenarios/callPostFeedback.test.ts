/**
 * The SDK's cypress/e2e/callPostFeedback.cy.ts against the local gateway: after a call between two Devices ended,
 * postFeedback resolves for a score, a score with an issue and no score (declined), and throws on invalid ones.
 * The feedback goes to the gateway's insights endpoint (the `eventgw` /client-config advertises).
 */
import { openScenarioRig, type ScenarioRig } from './support/scenarioRig';
import type { CallPair } from './support/scenarioPage';

jest.setTimeout(60_000);

let rig: ScenarioRig;

beforeAll(async () => {
  rig = await openScenarioRig();
  await rig.run(async (s) => {
    const pair = s.keep('pair', await s.connectPair());
    // Instead of the spec's two seconds "let the call run briefly": the caller's first one-second stats sample.
    await s.expectEvent(pair.call1, 'sample');
    const disconnected = s.expectEvent(pair.call1, 'disconnect');
    pair.call2.disconnect();
    await disconnected;
  });
});

afterAll(async () => {
  await rig?.run((s) => {
    const { device1, device2 } = s.kept<CallPair>('pair');
    s.destroy(device1, device2);
  });
  await rig?.close();
});

test.each([
  ['a valid score', [5]],
  ['a score and an issue', [3, 'choppy-audio']],
  ['no score (feedback declined)', []],
])('posts feedback with %s', async (_title, args) => {
  const rejected = await rig.run((s, a: unknown[]) => {
    const { call1 } = s.kept<CallPair>('pair');
    return s.rejected((call1.postFeedback as (...x: unknown[]) => Promise<void>)(...a));
  }, args);
  expect(rejected).toBeNull();
});

test('throws on an invalid score', async () => {
  const thrown = await rig.run((s) => s.thrown(() => s.kept<CallPair>('pair').call1.postFeedback(99 as never)));
  expect(thrown?.message).toContain('Feedback score must be one of');
});

test('throws on an invalid issue', async () => {
  const thrown = await rig.run((s) =>
    s.thrown(() => s.kept<CallPair>('pair').call1.postFeedback(5 as never, 'not-a-real-issue' as never)),
  );
  expect(thrown?.message).toContain('Feedback issue must be one of');
});
