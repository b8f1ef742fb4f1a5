/**
 * The shared fake's call-control model, which UI and sibling tests build on: hold toggles, call waiting's accept
 * holds the live call, switchCall swaps, warm transfer adds a consult call, complete ends both, merge sets
 * conferenceSid; every misuse is refused with the service's code and changes nothing.
 */
import { FakeSoftphoneService } from '../../../src/contract/testing';

async function talking(options = { callWaiting: true }) {
  const phone = new FakeSoftphoneService('alice', {}, options);
  const bob = phone.receiveIncomingCall('client:bob', 'CAbob');
  await phone.accept(bob);
  return { phone, bob };
}

describe('FakeSoftphoneService call control', () => {
  it('toggles hold, keeps the user’s mute across it, and emits callControl events', async () => {
    const { phone } = await talking();
    const events: string[] = [];
    phone.events$.subscribe((e) => events.push(`${e.source}:${e.name}`));
    await phone.mute(true);
    expect(await phone.hold()).toEqual({ held: true });
    expect(phone.getState().calls[0]).toMatchObject({ held: true, heldAt: phone.now, muted: true });
    expect(await phone.hold()).toEqual({ held: false });
    expect(phone.getState().calls[0]).toMatchObject({ held: false, heldAt: null, muted: true });
    expect(events).toEqual(['call:mute', 'callControl:hold', 'callControl:resume']);
  });

  it('call waiting: accept holds the live call; switchCall swaps; without callWaiting accept is busy', async () => {
    const { phone, bob } = await talking();
    const carol = phone.receiveIncomingCall('client:carol', 'CAcarol');
    await phone.accept(carol);
    expect(phone.getState()).toMatchObject({ activeCallSid: carol, calls: [{ held: true }, { held: false }] });
    await phone.switchCall(bob);
    expect(phone.getState()).toMatchObject({ activeCallSid: bob, calls: [{ held: false }, { held: true }] });
    const plain = (await talking({ callWaiting: false })).phone;
    plain.receiveIncomingCall('client:carol', 'CAcarol');
    await expect(plain.accept('CAcarol')).rejects.toMatchObject({ code: 'busy' });
  });

  it('warm transfer adds a consult call; completeTransfer ends both as transferred', async () => {
    const { phone, bob } = await talking();
    const { consultCallSid } = await phone.transfer('client:carol', undefined, 'warm');
    expect(phone.getState().calls.find((c) => c.sid === consultCallSid)).toMatchObject({
      consultFor: bob,
      to: 'client:carol',
      status: 'open',
    });
    expect(phone.getState()).toMatchObject({ activeCallSid: consultCallSid, calls: [{ held: true }, {}] });
    await phone.completeTransfer();
    expect(phone.getState().calls.map((c) => c.endReason)).toEqual(['transferred', 'transferred']);
    expect(phone.getState()).toMatchObject({ activeCallSid: null, device: { isBusy: false } });
  });

  it('merge folds the held call into the live one and sets conferenceSid', async () => {
    const { phone, bob } = await talking();
    const { consultCallSid } = await phone.transfer('client:carol', undefined, 'warm');
    const { conferenceSid } = await phone.merge();
    expect(phone.getState().calls).toMatchObject([
      { sid: bob, status: 'closed', endReason: 'merged' },
      { sid: consultCallSid, status: 'open', conferenceSid, consultFor: null },
    ]);
  });

  it('refuses each misuse with its code and leaves the state as it was', async () => {
    const empty = new FakeSoftphoneService('alice');
    await expect(empty.hold()).rejects.toMatchObject({ code: 'no_active_call' });
    await expect(empty.merge()).rejects.toMatchObject({ code: 'no_active_call' });
    const { phone, bob } = await talking();
    const ringing = phone.receiveIncomingCall('client:dave', 'CAdave');
    const before = JSON.stringify(phone.getState());
    const refusals: Array<[Promise<unknown>, string]> = [
      [phone.hold(true, ringing), 'wrong_state'],
      [phone.hold(true, 'CAnope'), 'no_active_call'],
      [phone.transfer('abc!'), 'invalid_number'],
      [phone.transfer('client:carol', undefined, 'cold' as 'warm'), 'invalid_argument'],
      [phone.merge(), 'wrong_state'],
      [phone.switchCall(bob), 'wrong_state'],
      [phone.completeTransfer(), 'wrong_state'],
    ];
    for (const [refused, code] of refusals) await expect(refused).rejects.toMatchObject({ code });
    expect(JSON.stringify(phone.getState())).toBe(before);
  });

  it('record mode resolves call-control commands with plausible results and leaves the state to the test', async () => {
    const phone = new FakeSoftphoneService('alice', {}, { commands: 'record' });
    const before = phone.getState();
    await expect(phone.hold()).resolves.toEqual({ held: true });
    await expect(phone.transfer('x', undefined, 'warm')).resolves.toEqual({ consultCallSid: expect.any(String) });
    await expect(phone.transfer('x')).resolves.toEqual({});
    await expect(phone.merge()).resolves.toEqual({ conferenceSid: expect.stringMatching(/^CF/) });
    await expect(phone.switchCall('CA1')).resolves.toBeUndefined();
    expect(phone.getState()).toBe(before);
    expect(phone.invocations.map((i) => i.method)).toEqual(['hold', 'transfer', 'transfer', 'merge', 'switchCall']);
  });
});
