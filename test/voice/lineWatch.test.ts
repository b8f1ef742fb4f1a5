/**
 * The line watch: while a call is held or parked the service asks the route's `lines` every ~2 s (one request at a
 * time, none otherwise), and a parked call whose line the server no longer lists (its far party hung up) closes as
 * `remote-hangup` with the usual `disconnect` event. A held call that keeps its SDK leg ends through the SDK.
 */
import type { CallState, SoftphoneState } from '../../src/contract/schema';
import { LINE_POLL_MS } from '../../src/voice/lineWatch';
import type { FetchLike } from '../../src/voice/token';
import { flush, inOutgoingCall } from './support/harness';

const LIVE = 'CA0000000000000000000000000000beef';
const callOf = (h: { state(): SoftphoneState }, sid: string): CallState | undefined =>
  h.state().calls.find((c) => c.sid === sid);
const linesAsked = (h: { server: { actions: string[] } }): number =>
  h.server.actions.filter((a) => a === 'lines').length;

beforeEach(() => jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] }));
afterEach(() => jest.useRealTimers());

async function tick(ms: number): Promise<void> {
  await jest.advanceTimersByTimeAsync(ms);
  await flush();
}

/** alice talks to bob, carol calls, alice accepts her: bob's line is parked on the server. */
async function withParkedLine() {
  const h = await inOutgoingCall();
  const carol = h.twilio.device.simulateIncoming({ callSid: 'CAcarol', from: 'client:carol' })!;
  await flush();
  await h.service.accept('CAcarol');
  carol.simulateAnswer();
  await flush();
  return { ...h, carol };
}

describe('line watch', () => {
  it('asks nothing while no call is held or parked', async () => {
    const h = await inOutgoingCall();
    await tick(LINE_POLL_MS * 30);
    expect(h.server.requests).toEqual([]);
  });

  it('closes a parked call as soon as the server stops listing its line, then stops asking', async () => {
    const h = await withParkedLine();
    expect(h.server.actions).toEqual(['hold']);
    // The harness draws 0.5: the wait is the mean, exactly (±25 % jitter around it otherwise).
    await tick(LINE_POLL_MS - 1);
    expect(linesAsked(h)).toBe(0);
    await tick(1);
    expect(linesAsked(h)).toBe(1);
    expect(h.server.requests.at(-1)).toMatchObject({
      action: 'lines',
      body: {},
      authorization: `Bearer ${h.twilio.device.token}`,
    });
    expect(callOf(h, h.callSid)).toMatchObject({ status: 'open', held: true });

    h.server.farPartyHangsUp(LIVE);
    await tick(LINE_POLL_MS);
    expect(linesAsked(h)).toBe(2);
    expect(callOf(h, h.callSid)).toMatchObject({ status: 'closed', endReason: 'remote-hangup', held: false });
    expect(callOf(h, 'CAcarol')).toMatchObject({ status: 'open', held: false });
    expect(h.state().activeCallSid).toBe('CAcarol');
    const disconnect = h.events.filter((e) => e.name === 'disconnect');
    expect(disconnect).toEqual([expect.objectContaining({ source: 'call', callSid: h.callSid, data: null })]);

    await tick(LINE_POLL_MS * 10);
    expect(linesAsked(h)).toBe(2);
  });

  it('starts with hold and stops with resume', async () => {
    const h = await inOutgoingCall();
    await h.service.hold(true);
    await tick(LINE_POLL_MS * 3);
    expect(linesAsked(h)).toBe(3);
    await h.service.hold(false);
    await tick(LINE_POLL_MS * 5);
    expect(linesAsked(h)).toBe(3);
    expect(callOf(h, h.callSid)).toMatchObject({ status: 'open', held: false });
  });

  it('a held call with its leg ends through the SDK when the far party hangs up', async () => {
    const h = await inOutgoingCall();
    await h.service.hold(true);
    h.server.farPartyHangsUp(LIVE);
    await flush();
    expect(callOf(h, h.callSid)).toMatchObject({ status: 'closed', endReason: 'remote-hangup' });
    await tick(LINE_POLL_MS * 5);
    expect(linesAsked(h)).toBe(0);
  });

  it('keeps one request in flight at most, and a command waits for it rather than racing it', async () => {
    let release = (): void => undefined;
    let inFlight = 0;
    let most = 0;
    let server: FetchLike | null = null;
    const fetch: FetchLike = async (url, init) => {
      if (!server) throw new Error('the route is not wired yet');
      if (!url.endsWith('/lines')) return server(url, init);
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise<void>((resolve) => (release = resolve));
      inFlight -= 1;
      return server(url, init);
    };
    const h = await inOutgoingCall({}, { fetch });
    server = h.server.fetch;
    const carol = h.twilio.device.simulateIncoming({ callSid: 'CAcarol', from: 'client:carol' })!;
    await flush();
    await h.service.accept('CAcarol');
    carol.simulateAnswer();
    await tick(LINE_POLL_MS * 10);
    expect([inFlight, most]).toEqual([1, 1]);
    const hangup = h.service.hangup(h.callSid);
    await flush();
    expect(h.server.actions).toEqual(['hold']);
    release();
    await hangup;
    expect(h.server.actions).toEqual(['hold', 'lines', 'hangup']);
    expect(callOf(h, h.callSid)).toMatchObject({ status: 'closed', endReason: 'local-hangup' });
    expect(most).toBe(1);
  });

  it('keeps a parked call when the server fails to answer, and asks again next round', async () => {
    const h = await withParkedLine();
    h.server.failures.set('lines', { status: 502, body: { error: { code: 'upstream_failed', message: 'down' } } });
    await tick(LINE_POLL_MS);
    expect(callOf(h, h.callSid)).toMatchObject({ status: 'open', held: true });
    h.server.farPartyHangsUp(LIVE);
    await tick(LINE_POLL_MS);
    expect(linesAsked(h)).toBe(2);
    expect(callOf(h, h.callSid)).toMatchObject({ status: 'closed', endReason: 'remote-hangup' });
  });

  it('stops asking a server that has no `lines` action', async () => {
    const h = await withParkedLine();
    h.server.failures.set('lines', { status: 404, body: 'Not Found' });
    await tick(LINE_POLL_MS * 10);
    expect(linesAsked(h)).toBe(1);
    expect(callOf(h, h.callSid)).toMatchObject({ status: 'open', held: true });
  });

  it('leaves no timer behind on destroy and asks nothing after it', async () => {
    const h = await withParkedLine();
    await tick(LINE_POLL_MS);
    expect(linesAsked(h)).toBe(1);
    h.service.destroy();
    await flush();
    expect(jest.getTimerCount()).toBe(0);
    await tick(LINE_POLL_MS * 10);
    expect(linesAsked(h)).toBe(1);
  });
});
