/**
 * The SDK's tests/network/reconnection.ts ("signaling reconnection" and "When network disconnects") against the local
 * gateway. The spec's docker network commands become the gateway's own faults: signalling down = the gateway stops
 * taking sockets and drops the open ones; media down = the call's server peers cut off the network. The spec's
 * fixed waits ("settle 4 s", "network back after 8 s") become waits for the events they stand for. The ICE restart
 * part of that spec is in iceRestart.test.ts (its own gateway, so the two run side by side).
 * Left out: the skipped "fallback edge" scenario (edges are the Twilio cloud's).
 */
import { openScenarioRig, type ScenarioRig } from './support/scenarioRig';
import { MediaOutage } from './support/mediaOutage';
import type { CallPair } from './support/scenarioPage';

jest.setTimeout(150_000);

let rig: ScenarioRig;

beforeAll(async () => {
  rig = await openScenarioRig({ reconnectGraceMs: 60_000 });
});

afterAll(async () => {
  rig?.server.gateway.startSignalling();
  await rig?.close();
});

afterEach(async () => {
  rig.server.gateway.startSignalling();
  await rig.run((s) => {
    const { device1, device2 } = s.kept<CallPair>('pair');
    s.destroy(device1, device2);
  });
});

test('signaling reconnection: both calls go reconnecting and reconnected on the same edge, and stay open', async () => {
  await rig.run(async (s) => {
    const edge = ['ashburn', 'sydney', 'dublin'];
    const pair = s.keep('pair', await s.connectReconnectionPair({ edge, maxCallSignalingTimeoutMs: 30_000 }));
    s.keep('reconnecting', Promise.all([pair.call1, pair.call2].map((call) => s.expectEvent(call, 'reconnecting'))));
    s.keep(
      'reconnected',
      Promise.all([pair.call1, pair.call2].map((call) => s.expectEvent(call, 'reconnected', 40_000))),
    );
  });
  rig.server.gateway.stopSignalling();
  await rig.run((s) => s.kept<Promise<unknown>>('reconnecting'));
  rig.server.gateway.startSignalling();
  const seen = await rig.run(async (s) => {
    await s.kept<Promise<unknown>>('reconnected');
    const { call1, call2, device1, device2 } = s.kept<CallPair>('pair');
    return { statuses: [call1.status(), call2.status()], edges: [device1.edge, device2.edge] };
  });
  expect(seen).toEqual({ statuses: ['open', 'open'], edges: ['ashburn', 'ashburn'] });
});

test('when the network disconnects: unregistered, the call ends with 53405, registered once the network is back', async () => {
  const media = await MediaOutage.around(() =>
    rig.run(async (s) => {
      const pair = s.keep('pair', await s.connectReconnectionPair());
      const { device1, device2, call1, call2 } = pair;
      const either = <T>(promises: Array<Promise<T>>) => Promise.race(promises);
      s.keep('unregistered', either([device1, device2].map((d) => s.expectEvent(d, 'unregistered'))));
      const ended = (call: typeof call1) =>
        Promise.all([
          s.expectEvent(call, 'disconnect', 120_000),
          new Promise<void>((resolve) => call.on('error', (e: { code: number }) => e.code === 53405 && resolve())),
        ]).then(() => call.status());
      s.keep('ended', either([ended(call1), ended(call2)]));
    }),
  );
  expect(media.legs).toBe(2);
  rig.server.gateway.stopSignalling();
  media.block();
  await rig.run((s) => s.kept<Promise<unknown>>('unregistered'));
  const status = await rig.run((s) => s.kept<Promise<string>>('ended'));
  expect(status).toBe('closed');
  await rig.run((s) => {
    const { device1, device2 } = s.kept<CallPair>('pair');
    s.keep('registered', Promise.race([device1, device2].map((d) => s.expectEvent(d, 'registered', 60_000))));
  });
  rig.server.gateway.startSignalling();
  media.unblock();
  await rig.run((s) => s.kept<Promise<unknown>>('registered'));
});
