/**
 * Call control in the VoiceService over the SDK double and a stand-in of the server's call-control route: hold and
 * resume, call waiting (accept holds the live line, which parks when its leg goes), switchCall (retrieve on the
 * server's call-back), blind and warm transfer, completeTransfer, merge, hangup of held and parked lines.
 */
import type { CallState, SoftphoneState } from '../../src/contract/schema';
import { CALL_CONTROL_TIMEOUT_MS } from '../../src/voice/callControlClient';
import type { FetchLike } from '../../src/voice/token';
import { expectCode, flush, inOutgoingCall, started } from './support/harness';

const LIVE = 'CA0000000000000000000000000000beef';
const callOf = (h: { state(): SoftphoneState }, sid: string): CallState | undefined =>
  h.state().calls.find((c) => c.sid === sid);
const summary = (h: { state(): SoftphoneState }) =>
  h.state().calls.map((c) => ({ sid: c.sid, status: c.status, held: c.held, endReason: c.endReason }));

/** alice talks to bob (outgoing, open), then carol calls: she rings as call waiting. */
async function withWaitingCall() {
  const h = await inOutgoingCall();
  const carol = h.twilio.device.simulateIncoming({ callSid: 'CAcarol', from: 'client:carol' })!;
  await flush();
  return { ...h, carol };
}

describe('hold', () => {
  it('holds the live call on the server with the current token, mutes our leg, and resumes it', async () => {
    const h = await inOutgoingCall();
    await expect(h.service.hold()).resolves.toEqual({ held: true });
    expect(h.server.requests[0]).toMatchObject({
      action: 'hold',
      body: { callSid: LIVE, held: true },
      authorization: `Bearer ${h.twilio.device.token}`,
    });
    expect(callOf(h, h.callSid)).toMatchObject({ held: true, heldAt: expect.any(Number), muted: true });
    expect(h.call.isMuted()).toBe(true);
    await expect(h.service.hold(false, LIVE)).resolves.toEqual({ held: false });
    expect(callOf(h, h.callSid)).toMatchObject({ held: false, heldAt: null, muted: false });
    expect(h.eventNames().filter((n) => n.startsWith('callControl'))).toEqual([
      'callControl:hold',
      'callControl:resume',
    ]);
  });

  it('keeps the mute the user chose across hold and resume', async () => {
    const h = await inOutgoingCall();
    await h.service.mute(true);
    await h.service.hold(true);
    await h.service.hold(false);
    expect(h.call.isMuted()).toBe(true);
  });

  it('is a no-op when the call already is as asked, without asking the server', async () => {
    const h = await inOutgoingCall();
    await expect(h.service.hold(false)).resolves.toEqual({ held: false });
    expect(h.server.requests).toEqual([]);
  });

  it('refuses misuse with its code and changes nothing', async () => {
    const none = await started();
    await expectCode(none.service.hold(), 'no_active_call');
    const h = await inOutgoingCall();
    h.twilio.device.simulateIncoming({ callSid: 'CAring' });
    const before = JSON.stringify(h.state());
    await expectCode(h.service.hold(true, 'CAring'), 'wrong_state');
    await expectCode(h.service.hold(true, 'CAnope'), 'no_active_call');
    await expectCode(h.service.hold('yes' as unknown as boolean), 'invalid_argument');
    h.server.failures.set('hold', { status: 409, body: { error: { code: 'wrong_state', message: 'ringing' } } });
    await expectCode(h.service.hold(true), 'wrong_state');
    expect(JSON.stringify(h.state())).toBe(before);
    expect(h.call.isMuted()).toBe(false);
  });

  it('maps the route’s failures onto the contract’s codes', async () => {
    const h = await inOutgoingCall();
    const cases: Array<[number, unknown, string]> = [
      [429, { error: { code: 'rate_limited', message: 'slow down' } }, 'rate_limited'],
      [502, { error: { code: 'upstream_failed', message: 'twilio down' } }, 'upstream_failed'],
      [401, { error: { code: 'unauthorized', message: 'bad token' } }, 'token_error'],
      [404, 'Not Found', 'unsupported'],
      [500, '<html>', 'upstream_failed'],
      [200, { held: 'yes' }, 'upstream_failed'],
    ];
    for (const [status, body, code] of cases) {
      h.server.failures.set('hold', { status, body });
      await expectCode(h.service.hold(true), code);
      expect(callOf(h, h.callSid)?.held).toBe(false);
    }
  });

  it('answers unsupported without a call-control route', async () => {
    const off = await inOutgoingCall({ callControlUrl: null });
    await expectCode(off.service.hold(), 'unsupported');
    await expectCode(off.service.transfer('client:carol'), 'unsupported');
    await expectCode(off.service.merge(), 'wrong_state');
    expect(off.server.requests).toEqual([]);
  });

  it('times out when the server never answers, and the call stays as it was', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    try {
      const silent: FetchLike = (_url, init) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
      const h = await inOutgoingCall({}, { fetch: silent });
      const held = h.service.hold(true);
      const outcome = held.catch((error: unknown) => error);
      await flush();
      jest.advanceTimersByTime(CALL_CONTROL_TIMEOUT_MS);
      await expect(outcome).resolves.toMatchObject({ code: 'timeout' });
      expect(callOf(h, h.callSid)?.held).toBe(false);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('call waiting', () => {
  it('rings a second call beside the live one; accept holds the live line, which parks when the SDK drops its leg', async () => {
    const h = await withWaitingCall();
    expect(h.state()).toMatchObject({ activeCallSid: h.callSid });
    expect(callOf(h, 'CAcarol')).toMatchObject({ status: 'pending' });
    await h.service.accept('CAcarol');
    h.carol.simulateAnswer();
    expect(h.server.actions).toEqual(['hold']);
    expect(h.call.status()).toBe('closed');
    expect(summary(h)).toEqual([
      { sid: h.callSid, status: 'open', held: true, endReason: null },
      { sid: 'CAcarol', status: 'open', held: false, endReason: null },
    ]);
    expect(h.state().activeCallSid).toBe('CAcarol');
  });

  it('switchCall holds the live line and retrieves the parked one on the server’s call-back', async () => {
    const h = await withWaitingCall();
    await h.service.accept('CAcarol');
    h.carol.simulateAnswer();
    await expectCode(h.service.switchCall('CAcarol'), 'wrong_state');
    await h.service.switchCall(h.callSid);
    expect(h.server.actions).toEqual(['hold', 'hold', 'retrieve']);
    expect(summary(h)).toEqual([
      { sid: h.callSid, status: 'open', held: false, endReason: null },
      { sid: 'CAcarol', status: 'open', held: true, endReason: null },
    ]);
    // The line keeps its id while its new leg has the server's CallSid.
    expect(callOf(h, h.callSid)?.twilioCallSid).toBe(LIVE);
    expect(h.state().activeCallSid).toBe(h.callSid);
    // The server's call-back never rang: only carol's call was an incoming call.
    const incoming = h.events.filter((e) => e.source === 'device' && e.name === 'incoming').map((e) => e.callSid);
    expect(incoming).toEqual([undefined]);
    expect(h.events.find((e) => e.name === 'incoming')?.data).toMatchObject({ callSid: 'CAcarol' });
    await h.service.switchCall('CAcarol');
    expect(summary(h).map((c) => c.held)).toEqual([true, false]);
  });

  it('without call waiting a second call is rejected at once, so its caller hears busy', async () => {
    const h = await inOutgoingCall({ allowIncomingWhileBusy: false });
    const second = h.twilio.device.simulateIncoming({ callSid: 'CA2' })!;
    expect(second.rejectCalls).toBe(1);
    expect(h.state().calls.map((c) => c.sid)).toEqual([h.callSid]);
  });

  it('a waiting caller who gives up while the live line is being held: accept is refused and that line resumes', async () => {
    const h = await withWaitingCall();
    h.server.duringRequest = (action) => {
      if (action === 'hold') h.carol.simulateCancel();
    };
    await expectCode(h.service.accept('CAcarol'), 'wrong_state');
    h.server.duringRequest = () => undefined;
    await flush();
    expect(h.server.requests.map((r) => [r.action, r.body.held])).toEqual([
      ['hold', true],
      ['hold', false],
    ]);
    expect(callOf(h, h.callSid)).toMatchObject({ status: 'open', held: false, muted: false });
    expect(h.call.status()).toBe('open');
  });

  it('accept refused by the server changes nothing: the waiting call still rings, the live one still talks', async () => {
    const h = await withWaitingCall();
    h.server.failures.set('hold', { status: 502, body: { error: { code: 'upstream_failed', message: 'x' } } });
    await expectCode(h.service.accept('CAcarol'), 'upstream_failed');
    expect(summary(h).map((c) => [c.status, c.held])).toEqual([
      ['open', false],
      ['pending', false],
    ]);
    expect(h.carol.acceptOptions).toEqual([]);
  });
});

describe('transfer', () => {
  it('blind: validates the target first, then the server connects the far party and ends our leg', async () => {
    const h = await inOutgoingCall();
    await expectCode(h.service.transfer('abc!'), 'invalid_number');
    await expectCode(h.service.transfer('+1415', undefined, 'blind'), 'invalid_number');
    await expectCode(h.service.transfer('client:carol', undefined, 'cold' as 'blind'), 'invalid_argument');
    expect(h.server.requests).toEqual([]);
    await expect(h.service.transfer('client:carol')).resolves.toEqual({});
    await flush();
    expect(h.server.requests[0]?.body).toEqual({ callSid: LIVE, to: 'client:carol', mode: 'blind' });
    expect(summary(h)).toEqual([{ sid: h.callSid, status: 'closed', held: false, endReason: 'transferred' }]);
  });

  it('warm: the line is held, the consult call-back becomes a new call with consultFor; complete joins them', async () => {
    const h = await inOutgoingCall();
    const { consultCallSid } = await h.service.transfer('+14155550100', undefined, 'warm');
    expect(consultCallSid).toMatch(/^CAserver/);
    const consult = callOf(h, consultCallSid!);
    expect(consult).toMatchObject({ status: 'open', consultFor: h.callSid, to: '+14155550100', held: false });
    expect(callOf(h, h.callSid)).toMatchObject({ status: 'open', held: true });
    expect(h.state().activeCallSid).toBe(consultCallSid);
    await expectCode(h.service.transfer('client:dave', undefined, 'warm'), 'wrong_state');
    await expectCode(h.service.completeTransfer(h.callSid), 'wrong_state');
    await h.service.completeTransfer();
    await flush();
    expect(summary(h).map((c) => [c.status, c.endReason])).toEqual([
      ['closed', 'transferred'],
      ['closed', 'transferred'],
    ]);
    expect(h.state()).toMatchObject({ activeCallSid: null });
  });

  it('warm then merge: one conference, the held line folds into the consult call', async () => {
    const h = await inOutgoingCall();
    await expectCode(h.service.merge(), 'wrong_state');
    const { consultCallSid } = await h.service.transfer('client:carol', undefined, 'warm');
    const { conferenceSid } = await h.service.merge();
    expect(conferenceSid).toMatch(/^CF/);
    expect(h.server.requests.at(-1)?.body).toEqual({ heldCallSid: LIVE, activeCallSid: consultCallSid });
    expect(callOf(h, h.callSid)).toMatchObject({ status: 'closed', endReason: 'merged' });
    expect(callOf(h, consultCallSid!)).toMatchObject({ status: 'open', conferenceSid, consultFor: null });
  });
});

describe('hangup of held and parked lines', () => {
  it('ends a parked line through the server, and a held line with its leg', async () => {
    const h = await withWaitingCall();
    await h.service.accept('CAcarol');
    h.carol.simulateAnswer();
    await h.service.hangup(h.callSid);
    expect(h.server.requests.at(-1)).toMatchObject({ action: 'hangup', body: { callSid: LIVE } });
    expect(callOf(h, h.callSid)).toMatchObject({ status: 'closed', endReason: 'local-hangup' });
    await h.service.hold(true);
    await h.service.hangup();
    await flush();
    expect(callOf(h, 'CAcarol')).toMatchObject({ status: 'closed', endReason: 'local-hangup' });
    expect(h.state().activeCallSid).toBeNull();
  });

  it('a parked line the server no longer knows closes when it is asked for', async () => {
    const h = await withWaitingCall();
    await h.service.accept('CAcarol');
    h.carol.simulateAnswer();
    h.server.lines.delete(LIVE);
    await expectCode(h.service.switchCall(h.callSid), 'no_active_call');
    expect(callOf(h, h.callSid)).toMatchObject({ status: 'closed', endReason: 'remote-hangup' });
  });
});
