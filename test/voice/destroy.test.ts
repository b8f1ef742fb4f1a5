import { fromSdkEvent } from '../../src/voice/sdkEvents';
import { flush, inOutgoingCall, setup } from './support/harness';
import { FakeCall } from './support/fakeTwilio';

beforeEach(() => {
  jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
});
afterEach(() => {
  jest.useRealTimers();
});

describe('destroy()', () => {
  it('leaves zero listeners, timers, subscriptions and media tracks behind', async () => {
    const h = await inOutgoingCall({ allowIncomingWhileBusy: true });
    const waiting = h.twilio.device.simulateIncoming({ callSid: 'CA2' })!;
    const device = h.twilio.device;
    // Settled into a value now, so a failing assertion below cannot leave an unhandled rejection.
    const pendingMessage = h.service.sendMessage('still waiting').catch((error: unknown) => error);
    await flush();

    expect(device.clientListenerCount).toBe(7);
    expect(h.call.clientListenerCount).toBe(15);
    expect(waiting.clientListenerCount).toBe(15);
    expect(h.media.listenerCount).toBe(1);
    // The token refresh timer, the registration watchdog's tick and the call-waiting tone's repeat (CA2 waits).
    expect(jest.getTimerCount()).toBe(3);

    let stateCompleted = false;
    let eventsCompleted = false;
    let volumeCompleted = false;
    const stateSub = h.service.state$.subscribe({ complete: () => (stateCompleted = true) });
    const eventsSub = h.service.events$.subscribe({ complete: () => (eventsCompleted = true) });
    const volumeSub = h.service.volume$.subscribe({ complete: () => (volumeCompleted = true) });

    h.service.destroy();
    await flush();

    expect(device.destroyCalls).toBe(1);
    expect(device.clientListenerCount).toBe(0);
    expect(device.liveListenerCount).toBe(0);
    expect(h.call.clientListenerCount).toBe(0);
    expect(waiting.clientListenerCount).toBe(0);
    expect(h.media.listenerCount).toBe(0);
    expect(h.media.liveTrackCount).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
    expect([stateCompleted, eventsCompleted, volumeCompleted]).toEqual([true, true, true]);
    expect([stateSub.closed, eventsSub.closed, volumeSub.closed]).toEqual([true, true, true]);
    await expect(pendingMessage).resolves.toMatchObject({ name: 'SoftphoneError', code: 'not_ready' });

    const s = h.state();
    expect(s.device).toMatchObject({ state: 'destroyed', isBusy: false });
    expect(s.activeCallSid).toBeNull();
    expect(s.calls.map((c) => [c.sid, c.status, c.endReason])).toEqual([
      [h.callSid, 'closed', 'local-hangup'],
      ['CA2', 'closed', 'rejected'],
    ]);
    expect(h.eventNames().slice(-1)).toEqual(['device:destroyed']);
  });

  it('is a no-op the second time', async () => {
    const h = await inOutgoingCall();
    h.service.destroy();
    const statesAfterFirst = h.states.length;
    expect(() => h.service.destroy()).not.toThrow();
    expect(h.twilio.device.destroyCalls).toBe(1);
    expect(h.states.length).toBe(statesAfterFirst);
  });

  it('works before start() and during a start that has not created the Device yet', async () => {
    const idle = setup();
    idle.service.destroy();
    expect(idle.state().device.state).toBe('destroyed');

    const h = setup();
    const starting = h.service.start();
    h.service.destroy();
    await expect(starting).rejects.toMatchObject({ code: 'not_ready' });
    expect(h.twilio.devices).toHaveLength(0);
    expect(h.media.listenerCount).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('a StrictMode mount → unmount → mount leaves exactly one live Device', async () => {
    const first = setup();
    const firstStart = first.service.start().catch(() => 'aborted');
    first.service.destroy();
    const second = setup();
    await second.service.start();
    expect(await firstStart).toBe('aborted');
    expect(first.twilio.devices).toHaveLength(0);
    expect(second.twilio.devices).toHaveLength(1);
    expect(second.twilio.device.registerCalls).toBe(1);
  });

  it('releases a finished call’s listeners as soon as the call ends', async () => {
    const h = await inOutgoingCall();
    h.call.simulateRemoteHangup();
    await flush();
    expect(h.call.clientListenerCount).toBe(0);
    expect(h.twilio.device.clientListenerCount).toBe(7);
  });
});

describe('fromSdkEvent', () => {
  it('adds one listener per subscription and removes it on unsubscribe', () => {
    const call = new FakeCall('OUTGOING');
    const seen: unknown[][] = [];
    const a = fromSdkEvent(call, 'volume').subscribe((args) => seen.push(args));
    const b = fromSdkEvent(call, 'volume').subscribe();
    expect(call.listenerCount('volume')).toBe(2);
    call.simulateVolume(0.1, 0.2);
    expect(seen).toEqual([[0.1, 0.2]]);
    a.unsubscribe();
    b.unsubscribe();
    expect(call.listenerCount('volume')).toBe(0);
  });
});
