/**
 * The SDK's cypress/e2e/callMessage/userDefinedMessage.cy.ts against the local gateway. The spec's relay server (the
 * "customer server") is the gateway's server application side: what the SDK sends arrives there (not at the other
 * Device), what it sends reaches the SDK as `messageReceived`, and an unknown message type is refused with 31210.
 */
import { openScenarioRig, type ScenarioRig } from './support/scenarioRig';
import type { CallPair } from './support/scenarioPage';

jest.setTimeout(60_000);

let rig: ScenarioRig;

beforeAll(async () => {
  rig = await openScenarioRig();
});

afterAll(async () => {
  await rig?.close();
});

/** The spec's createCallTest (alice calls bob, bob accepts), kept under `key`; resolves with alice's CallSid. */
function createCall(key: string): Promise<string> {
  return rig.run(async (s, k: string) => {
    const pair = s.keep(k, await s.connectPair());
    return pair.call1.parameters.CallSid;
  }, key);
}

function teardown(key: string): Promise<void> {
  return rig.run((s, k: string) => {
    const { device1, device2 } = s.kept<CallPair>(k);
    s.destroy(device1, device2);
  }, key);
}

test.concurrent('sends a message to the server application', async () => {
  const callSid = await createCall('send');
  const sent = await rig.run(async (s) => {
    const { call1, call2 } = s.kept<CallPair>('send');
    const bobReceived = s.record(call2, ['messageReceived']);
    const messageSent = s.expectEvent<{ voiceEventSid: string }>(call1, 'messageSent');
    const eventSid = call1.sendMessage({ content: { hello: 'world' }, messageType: 'user-defined-message' });
    return { eventSid, sentSid: (await messageSent).voiceEventSid, bobReceived };
  });
  expect(sent.sentSid).toBe(sent.eventSid);
  // The spec waits three seconds for the message to reach its server; here the server application is in process.
  const deadline = Date.now() + 10_000;
  while (rig.server.gateway.receivedMessages(callSid).length === 0 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  const received = rig.server.gateway.receivedMessages(callSid);
  expect(received).toHaveLength(1);
  expect(received[0]).toMatchObject({
    callSid,
    contentType: 'application/json',
    content: { hello: 'world' },
    voiceEventSid: sent.eventSid,
  });
  // On Twilio call messages go between the SDK and the server application only.
  expect(sent.bobReceived).toEqual([]);
  await teardown('send');
});

test.concurrent('receives a message from the server application', async () => {
  const callSid = await createCall('receive');
  // Listening first (the spec's messageReceivedPromise), then the server application sends.
  await rig.run((s) => {
    const { call1 } = s.kept<CallPair>('receive');
    s.keep('received', s.expectEvent(call1, 'messageReceived'));
  });
  const { voiceEventSid } = rig.server.gateway.sendMessageToCall(callSid, { content: { message: 'ahoy, world!' } });
  const received = await rig.run(async (s) => {
    const m =
      await s.kept<Promise<{ voiceEventSid: string; content: unknown; contentType: string; messageType: string }>>(
        'received',
      );
    return {
      voiceEventSid: m.voiceEventSid,
      content: m.content,
      contentType: m.contentType,
      messageType: m.messageType,
    };
  });
  expect(received).toEqual({
    voiceEventSid,
    content: { message: 'ahoy, world!' },
    contentType: 'application/json',
    messageType: 'user-defined-message',
  });
  await teardown('receive');
});

test.concurrent('an invalid message type is an error 31210', async () => {
  await createCall('invalid');
  const code = await rig.run(async (s) => {
    const { call1 } = s.kept<CallPair>('invalid');
    const error = s.expectEvent<{ code: number }>(call1, 'error');
    call1.sendMessage({ content: { foo: 'bar' }, messageType: 'not-a-valid-message-type' });
    return (await error).code;
  });
  expect(code).toBe(31210);
  await teardown('invalid');
});
