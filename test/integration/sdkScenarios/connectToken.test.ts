/**
 * The SDK's cypress/e2e/connectToken.cy.ts against the local gateway: two incoming calls to one identity, each
 * forwarded while it still rings to another Device of that identity with `Device.connect({ connectToken })`. Each
 * forwarded call is accepted (not 53402), keeps the incoming call's parameters, and the Device that rang gets
 * `cancel`. The spec's "maintain the call for 3 s" waits become three one-second stats samples with audio received.
 */
import { openScenarioRig, type ScenarioRig } from './support/scenarioRig';

jest.setTimeout(90_000);

let rig: ScenarioRig;

beforeAll(async () => {
  rig = await openScenarioRig();
});

afterAll(async () => {
  await rig?.close();
});

test('maintains simultaneous forwarded calls', async () => {
  const seen = await rig.run(async (s) => {
    type SdkCall = InstanceType<typeof s.Call>;
    const identity = s.identity('id2');
    const [callerA, callerB, receiver, reconnectA, reconnectB] = await Promise.all([
      s.device(s.identity('caller-a')),
      s.device(s.identity('caller-b')),
      s.device(identity),
      s.device(identity),
      s.device(identity),
    ]);
    // Only the Device that receives the incoming calls registers.
    await receiver.register();
    const audioSamples = (call: SdkCall): (() => boolean) => {
      let withAudio = 0;
      call.on('sample', (sample: { packetsReceived: number }) => {
        if (sample.packetsReceived > 0) withAudio++;
      });
      return () => withAudio >= 3;
    };
    const forward = async (caller: InstanceType<typeof s.Device>, reconnect: InstanceType<typeof s.Device>) => {
      const incomingPromise = s.expectEvent<SdkCall>(receiver, 'incoming');
      const outgoing = await caller.connect({ params: { To: identity } });
      const incoming = await incomingPromise;
      const incomingEvents = s.record(incoming, ['cancel', 'accept', 'disconnect', 'error']);
      const forwarded = await reconnect.connect({ connectToken: incoming.connectToken });
      const forwardedEvents = s.record(forwarded, ['accept', 'disconnect', 'error'], ['error']);
      const callerEvents = s.record(outgoing, ['accept', 'disconnect', 'error'], ['error']);
      const maintained = audioSamples(forwarded);
      await s.until(maintained, 20_000, 'three seconds of audio on the forwarded call');
      return { incoming, forwarded, incomingEvents, forwardedEvents, callerEvents };
    };
    const a = await forward(callerA, reconnectA);
    const b = await forward(callerB, reconnectB);
    const report = (x: typeof a) => ({
      incomingEvents: [...x.incomingEvents],
      forwardedEvents: [...x.forwardedEvents],
      callerEvents: [...x.callerEvents],
      directions: [x.incoming.direction, x.forwarded.direction],
      sameParameters: JSON.stringify(x.forwarded.parameters) === JSON.stringify(x.incoming.parameters),
      sameCustomParameters:
        JSON.stringify([...x.forwarded.customParameters]) === JSON.stringify([...x.incoming.customParameters]),
      forwardedStatus: x.forwarded.status(),
    });
    // A is still up after B was forwarded.
    const result = [report(a), report(b)];
    s.destroy(callerA, callerB, receiver, reconnectA, reconnectB);
    return result;
  });
  for (const forwarded of seen)
    expect(forwarded).toEqual({
      incomingEvents: ['cancel'],
      forwardedEvents: ['accept'],
      callerEvents: ['accept'],
      directions: ['INCOMING', 'OUTGOING'],
      sameParameters: true,
      sameCustomParameters: true,
      forwardedStatus: 'open',
    });
});
