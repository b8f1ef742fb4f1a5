/**
 * The "ICE Restart" part of the SDK's tests/network/reconnection.ts against the local gateway: the spec's
 * `blockMediaPorts` cuts the call's server peers off the network (both legs), `unblockMediaPorts` restores them.
 * Blocked: a call goes reconnecting; unblocked: reconnected and open (audio flows again, see serverMedia.test.ts);
 * blocked again: reconnecting, and when it stays blocked the call ends with 53405 once the SDK's ICE retries run
 * out (its 30 s budget).
 */
import { openScenarioRig, type ScenarioRig } from './support/scenarioRig';
import { MediaOutage } from './support/mediaOutage';
import type { CallPair } from './support/scenarioPage';

jest.setTimeout(150_000);

let rig: ScenarioRig;
let media: MediaOutage;

beforeAll(async () => {
  rig = await openScenarioRig();
  media = await MediaOutage.around(() =>
    rig.run(async (s) => {
      s.keep('pair', await s.connectReconnectionPair());
    }),
  );
});

afterAll(async () => {
  media?.unblock();
  await rig?.run((s) => {
    const { device1, device2 } = s.kept<CallPair>('pair');
    s.destroy(device1, device2);
  });
  await rig?.close();
});

/** Listens in the page for the first of the two calls to emit `event` (the spec's bindTestPerCall). */
function armEither(key: string, event: string, timeoutMs = 30_000): Promise<void> {
  return rig.run(
    (s, [k, e, t]: [string, string, number]) => {
      const { call1, call2 } = s.kept<CallPair>('pair');
      s.keep(k, Promise.race([call1, call2].map((call) => s.expectEvent(call, e, t).then(() => call.status()))));
    },
    [key, event, timeoutMs] as [string, string, number],
  );
}

const settled = (key: string): Promise<string> => rig.run((s, k: string) => s.kept<Promise<string>>(k), key);

test('the call leg media is on two server peers', () => {
  expect(media.legs).toBe(2);
});

test('blocked media: reconnecting', async () => {
  await armEither('reconnecting-1', 'reconnecting');
  media.block();
  expect(await settled('reconnecting-1')).toBe('reconnecting');
});

test('unblocked media: reconnected and open', async () => {
  await armEither('reconnected', 'reconnected');
  media.unblock();
  expect(await settled('reconnected')).toBe('open');
});

test('blocked again: reconnecting after reconnected', async () => {
  await armEither('reconnecting-2', 'reconnecting');
  media.block();
  expect(await settled('reconnecting-2')).toBe('reconnecting');
});

test('still blocked: the call disconnects with error 53405', async () => {
  const status = await rig.run((s) => {
    const { call1, call2 } = s.kept<CallPair>('pair');
    const ended = (call: typeof call1) =>
      Promise.all([
        s.expectEvent(call, 'disconnect', 90_000),
        new Promise<void>((resolve) => call.on('error', (e: { code: number }) => e.code === 53405 && resolve())),
      ]).then(() => call.status());
    return Promise.race([ended(call1), ended(call2)]);
  });
  expect(status).toBe('closed');
});
