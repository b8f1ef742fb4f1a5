/** The shared fake service's own promises, which the bus, UI, parcel and bench tests build on. */
import { SoftphoneError } from '../../../src/contract/service';
import { buildCall, buildState, FakeSoftphoneService } from '../../../src/contract/testing';

describe('FakeSoftphoneService', () => {
  it('contract mode: commands validate, change the state and emit events like the service', async () => {
    const phone = new FakeSoftphoneService('alice');
    const events: string[] = [];
    phone.events$.subscribe((e) => events.push(e.name));
    await expect(phone.dial('12345')).rejects.toMatchObject({ code: 'invalid_number' });
    const { callSid } = await phone.dial('client:bob', { ticket: '7' });
    expect(phone.getState()).toMatchObject({
      activeCallSid: callSid,
      device: { isBusy: true },
      calls: [{ sid: callSid, status: 'connecting', to: 'client:bob' }],
    });
    await expect(phone.dial('client:carol')).rejects.toMatchObject({ code: 'busy' });
    phone.answerOutgoing(callSid, 'CA-answered');
    await expect(phone.mute(undefined, 'CA-answered')).resolves.toEqual({ muted: true });
    await phone.hangup();
    expect(phone.getState()).toMatchObject({
      activeCallSid: null,
      calls: [{ status: 'closed', endReason: 'local-hangup' }],
    });
    expect(events).toEqual(['accept', 'mute', 'disconnect']);
    expect(phone.invocations.map((i) => i.method)).toEqual(['dial', 'dial', 'dial', 'mute', 'hangup']);
  });

  it('record mode: commands resolve and are recorded, the state stays as the test set it', async () => {
    const call = buildCall({ sid: 'CA-1', muted: true });
    const phone = new FakeSoftphoneService('alice', buildState({ calls: [call], activeCallSid: 'CA-1' }), {
      commands: 'record',
    });
    const before = phone.getState();
    await expect(phone.dial('not a number')).resolves.toEqual({ callSid: expect.any(String) });
    await expect(phone.mute()).resolves.toEqual({ muted: false });
    await phone.hangup('CA-1');
    expect(phone.getState()).toBe(before);
    expect(phone.invocations).toEqual([
      { method: 'dial', args: ['not a number', undefined] },
      { method: 'mute', args: [undefined, undefined] },
      { method: 'hangup', args: ['CA-1'] },
    ]);
    phone.setState({
      lastError: {
        code: 'internal_error',
        message: 'm',
        explanation: '',
        solutions: [],
        severity: 'transient',
        source: 'call',
        at: 1,
      },
    });
    phone.clearError();
    expect(phone.getState().lastError).toBeNull();
  });

  it('failNext rejects the next calls of one command with the given errors, in order, and changes nothing', async () => {
    const phone = new FakeSoftphoneService('alice');
    const busy = new SoftphoneError('busy', 'Already in a call.');
    const denied = new SoftphoneError('microphone_denied', 'Refused.');
    phone.failNext('dial', busy);
    phone.failNext('dial', denied);
    const before = phone.getState();
    await expect(phone.dial('client:bob')).rejects.toBe(busy);
    await expect(phone.dial('client:bob')).rejects.toBe(denied);
    expect(phone.getState()).toBe(before);
    await expect(phone.dial('client:bob')).resolves.toEqual({ callSid: expect.any(String) });
    expect(phone.invocations).toHaveLength(3);
  });

  it('counts subscribers per stream and completes every stream on destroy', () => {
    const phone = new FakeSoftphoneService('alice');
    const completed: string[] = [];
    const subscriptions = [
      phone.state$.subscribe({ complete: () => completed.push('state') }),
      phone.events$.subscribe({ complete: () => completed.push('events') }),
      phone.volume$.subscribe({ complete: () => completed.push('volume') }),
      phone.micLevel$.subscribe({ complete: () => completed.push('micLevel') }),
    ];
    expect(phone.subscriberCounts()).toEqual({ state: 1, volume: 1, micLevel: 1, events: 1 });
    subscriptions[2]!.unsubscribe();
    expect(phone.subscriberCount).toBe(3);
    phone.destroy();
    expect(completed.sort()).toEqual(['events', 'micLevel', 'state']);
    expect(phone.subscriberCount).toBe(0);
    expect(phone.getState().device.state).toBe('destroyed');
  });
});
