/**
 * A sibling app that shares no code with the softphone: it talks to the bus with nothing but
 * `window.dispatchEvent`, `window.addEventListener` and `CustomEvent`. Only the softphone side
 * (attachToBus + a fake service) comes from this project.
 */
import { attachToBus } from '../../src/bus/host';
import { COMMAND_TYPES } from '../../src/contract/schema';
import { SoftphoneError } from '../../src/contract/service';
import { FakeSoftphoneService } from '../../src/contract/testing';

type Detail = Record<string, unknown>;

let nextId = 0;

/** What a plain-JavaScript sibling would write: dispatch a command, wait for the reply with its id. */
function command(type: string, args: Detail = {}): Promise<Detail> {
  nextId += 1;
  const id = `sibling-${nextId}`;
  return new Promise((resolve) => {
    const onReply = (event: Event): void => {
      const detail = (event as CustomEvent<Detail>).detail;
      if (detail.id !== id) return;
      window.removeEventListener('softphone:reply', onReply);
      resolve(detail);
    };
    window.addEventListener('softphone:reply', onReply);
    window.dispatchEvent(new CustomEvent('softphone:command', { detail: { v: 1, id, type, ...args } }));
  });
}

function collect(eventName: string): { details: Detail[]; stop: () => void } {
  const details: Detail[] = [];
  const listener = (event: Event): void => {
    details.push((event as CustomEvent<Detail>).detail);
  };
  window.addEventListener(eventName, listener);
  return { details, stop: () => window.removeEventListener(eventName, listener) };
}

const sentTypes = new Set<string>();
async function expectOk(type: string, args: Detail = {}, result?: unknown): Promise<Detail> {
  sentTypes.add(type);
  const reply = await command(type, args);
  expect(reply).toMatchObject({ v: 1, instance: 'alice', ok: true });
  if (result !== undefined) expect(reply.result).toEqual(result);
  return reply;
}
async function expectError(type: string, args: Detail, code: string): Promise<Detail> {
  sentTypes.add(type);
  const reply = await command(type, args);
  expect(reply).toMatchObject({ v: 1, instance: 'alice', ok: false, error: { code } });
  expect(typeof (reply.error as Detail).message).toBe('string');
  return reply;
}

describe('a DOM-only sibling', () => {
  let phone: FakeSoftphoneService;
  let detach: () => void;

  beforeEach(() => {
    phone = new FakeSoftphoneService('alice', { device: { state: 'unregistered' } });
    detach = attachToBus(phone);
  });
  afterEach(() => detach());
  afterAll(() => {
    // The suite as a whole sent every command type of contract v1, each with ok and error replies.
    expect([...sentTypes].sort()).toEqual([...COMMAND_TYPES].sort());
  });

  it('registers and unregisters the device', async () => {
    await expectOk('register');
    expect(phone.getState().device.state).toBe('registered');
    await expectOk('unregister');
    expect(phone.getState().device.state).toBe('unregistered');
  });

  it('dials a client or an E.164 number and is told the call id; refuses other targets with invalid_number', async () => {
    await expectError('dial', { to: 'client:bob' }, 'not_ready');
    await expectOk('register');
    const reply = await expectOk('dial', { to: 'client:bob', params: { ticket: '42' } });
    expect(reply.result).toEqual({ callSid: expect.any(String) });
    expect(phone.getState().calls[0]).toMatchObject({ to: 'client:bob', customParameters: { ticket: '42' } });
    await expectError('dial', { to: '+14155550100' }, 'busy');
    await expectError('dial', { to: '12345' }, 'invalid_number');
    await expectError('dial', { to: 'client:' }, 'invalid_number');
    await expectError('dial', { to: 42 }, 'invalid_command');
  });

  it('reads the persisted history newest first, as many as asked; refuses a limit out of range', async () => {
    const entry = (id: string, endedAt: number) => ({
      id,
      twilioCallSid: null,
      direction: 'incoming' as const,
      peer: 'client:bob',
      startedAt: endedAt - 10,
      answeredAt: null,
      endedAt,
      durationMs: 0,
      endReason: 'canceled',
      missed: true,
    });
    phone.setHistory([entry('CA1', 100), entry('CA2', 300), entry('CA3', 200)]);
    const reply = await expectOk('history', { limit: 2 });
    expect(reply.result).toEqual({ calls: [entry('CA2', 300), entry('CA3', 200)] });
    await expectError('history', { limit: 0 }, 'invalid_command');
    await expectError('history', { limit: 501 }, 'invalid_command');
  });

  describe('during a connected call', () => {
    let sid: string;
    beforeEach(async () => {
      await expectOk('register');
      sid = ((await expectOk('dial', { to: '+14155550100' })).result as { callSid: string }).callSid;
      phone.answerOutgoing(sid, 'CAanswered');
    });

    it('sends DTMF; refuses anything outside [0-9*#w] with invalid_digits', async () => {
      await expectOk('sendDigits', { digits: '12w34#*' });
      await expectOk('sendDigits', { digits: '9', callSid: 'CAanswered' });
      await expectError('sendDigits', { digits: '12a' }, 'invalid_digits');
      await expectError('sendDigits', { digits: '' }, 'invalid_digits');
      await expectError('sendDigits', { digits: 5 }, 'invalid_command');
    });

    it('mutes, toggles and unmutes', async () => {
      await expectOk('mute', { muted: true }, { muted: true });
      await expectOk('mute', {}, { muted: false });
      await expectError('mute', { muted: 'yes' }, 'invalid_command');
    });

    it('sends call messages and reports their voiceEventSid', async () => {
      const reply = await expectOk('sendMessage', { content: { hello: 'world' }, messageType: 'user-defined-message' });
      expect(reply.result).toEqual({ voiceEventSid: expect.stringMatching(/^KX/) });
      await expectError('sendMessage', { content: 'x'.repeat(20_000) }, 'invalid_argument');
      await expectError('sendMessage', {}, 'invalid_command');
    });

    it('hangs up by either id, and only once', async () => {
      await expectError('hangup', { callSid: 'CAnope' }, 'no_active_call');
      await expectOk('hangup', { callSid: 'CAanswered' });
      expect(phone.getState().calls[0]).toMatchObject({ status: 'closed', endReason: 'local-hangup' });
      await expectError('hangup', { callSid: sid }, 'wrong_state');
      await expectError('hangup', {}, 'no_active_call');
    });

    it('ends every call with hangupAll', async () => {
      phone.receiveIncomingCall('client:carol');
      await expectOk('hangupAll');
      expect(phone.getState().calls.every((c) => c.status === 'closed')).toBe(true);
      await expectError('hangupAll', { v: 2 }, 'invalid_command');
    });

    it('refuses to accept a second call while busy', async () => {
      const incoming = phone.receiveIncomingCall('client:carol');
      await expectError('accept', { callSid: incoming }, 'busy');
    });
  });

  it('accepts, rejects and ignores incoming calls', async () => {
    await expectOk('register');
    const first = phone.receiveIncomingCall('client:bob');
    await expectOk('accept');
    expect(phone.getState()).toMatchObject({ activeCallSid: first, calls: [{ status: 'open' }] });
    await expectError('accept', { callSid: first }, 'wrong_state');
    await expectOk('hangup');

    const second = phone.receiveIncomingCall('client:bob');
    await expectOk('reject', { callSid: second });
    await expectError('reject', { callSid: second }, 'wrong_state');
    phone.receiveIncomingCall('client:bob');
    await expectOk('ignore');
    await expectError('ignore', {}, 'no_active_call');
    expect(phone.getState().calls.map((c) => c.endReason)).toEqual(['local-hangup', 'rejected', 'ignored']);
  });

  it('selects microphone and speakers that exist', async () => {
    await expectOk('setInputDevice', { deviceId: 'usb-mic' });
    await expectOk('setOutputDevice', { deviceIds: ['usb-out', 'default'] });
    expect(phone.getState().audio).toMatchObject({ selectedInput: 'usb-mic', selectedOutputs: ['usb-out', 'default'] });
    await expectError('setInputDevice', { deviceId: 'no-such-mic' }, 'invalid_argument');
    await expectError('setOutputDevice', { deviceIds: [] }, 'invalid_command');
  });

  it('posts call feedback with the SDK issue names', async () => {
    await expectError('postFeedback', { score: 4 }, 'no_active_call');
    await expectOk('register');
    phone.receiveIncomingCall('client:bob');
    await expectOk('reject');
    await expectOk('postFeedback', { score: 2, issue: 'choppy-audio' });
    expect(phone.getState().calls[0].feedbackSent).toBe(true);
    await expectError('postFeedback', { score: 6 }, 'invalid_command');
    await expectError('postFeedback', { score: 3, issue: 'too-loud' }, 'invalid_command');
  });

  it('relays SoftphoneError codes with the Twilio code, and hides unexpected failures as internal_error', async () => {
    jest.spyOn(phone, 'register').mockRejectedValueOnce(new SoftphoneError('sdk_error', 'Signaling failed', 53000));
    const twilio = await expectError('register', {}, 'sdk_error');
    expect(twilio.error).toEqual({ code: 'sdk_error', message: 'Signaling failed', twilioCode: 53000 });

    jest.spyOn(phone, 'register').mockRejectedValueOnce(new TypeError('secret internals'));
    const internal = await expectError('register', {}, 'internal_error');
    expect((internal.error as Detail).message).not.toContain('secret');
  });

  it('holds, switches, transfers, merges; each misuse gets its code (call waiting on)', async () => {
    detach();
    phone = new FakeSoftphoneService('alice', {}, { callWaiting: true });
    detach = attachToBus(phone);
    await expectError('hold', {}, 'no_active_call');
    await expectError('merge', {}, 'no_active_call');
    const bob = phone.receiveIncomingCall('client:bob');
    await expectError('hold', { callSid: bob }, 'wrong_state');
    await expectOk('accept');
    await expectError('merge', {}, 'wrong_state');
    await expectOk('hold', {}, { held: true });
    await expectOk('hold', { held: false }, { held: false });
    const carol = phone.receiveIncomingCall('client:carol');
    await expectOk('accept', { callSid: carol });
    expect(phone.getState()).toMatchObject({ activeCallSid: carol, calls: [{ held: true }, { held: false }] });
    await expectError('switchCall', { callSid: carol }, 'wrong_state');
    await expectError('switchCall', {}, 'invalid_command');
    await expectOk('switchCall', { callSid: bob });
    expect(phone.getState()).toMatchObject({ activeCallSid: bob, calls: [{ held: false }, { held: true }] });
    await expectError('completeTransfer', {}, 'wrong_state');
    await expectError('transfer', { to: 'abc!' }, 'invalid_number');
    const warm = await expectOk('transfer', { to: 'client:dave', mode: 'warm' });
    const consultCallSid = (warm.result as { consultCallSid: string }).consultCallSid;
    expect(phone.getState().calls.find((c) => c.sid === consultCallSid)).toMatchObject({ consultFor: bob });
    const merged = await expectOk('merge');
    expect(merged.result).toEqual({ conferenceSid: expect.stringMatching(/^CF/) });
    await expectOk('transfer', { to: '+14155550100' }, {});
    await expectError('completeTransfer', { callSid: consultCallSid }, 'wrong_state');
    await expectOk('switchCall', { callSid: carol });
    await expectOk('transfer', { to: 'client:erin', mode: 'warm' });
    await expectOk('completeTransfer');
    expect(phone.getState()).toMatchObject({ activeCallSid: null, device: { isBusy: false } });
  });

  it('gets the current state after a state-request, and every state change after that', async () => {
    const states = collect('softphone:state');
    window.dispatchEvent(new CustomEvent('softphone:state-request', { detail: { v: 1 } }));
    expect(states.details).toHaveLength(1);
    expect(states.details[0]).toMatchObject({ v: 1, instance: 'alice', device: { state: 'unregistered' }, calls: [] });

    await command('register');
    expect(states.details.at(-1)).toMatchObject({ instance: 'alice', device: { state: 'registered' } });
    states.stop();
  });

  it('receives Device and Call events tagged with the instance', async () => {
    const events = collect('softphone:event');
    await command('register');
    const sid = phone.receiveIncomingCall('client:bob');
    await command('accept');
    events.stop();
    expect(events.details).toEqual([
      expect.objectContaining({ v: 1, instance: 'alice', source: 'device', name: 'registered' }),
      expect.objectContaining({
        v: 1,
        instance: 'alice',
        source: 'device',
        name: 'incoming',
        callSid: sid,
        data: { from: 'client:bob' },
      }),
      expect.objectContaining({ v: 1, instance: 'alice', source: 'call', name: 'accept', callSid: sid }),
    ]);
  });

  it('gets plain JSON data it cannot use to reach into the softphone', async () => {
    const states = collect('softphone:state');
    window.dispatchEvent(new CustomEvent('softphone:state-request', { detail: { v: 1 } }));
    states.stop();
    const received = states.details[0] as { calls: unknown[] };
    received.calls.push('tampered');
    expect(phone.getState().calls).toEqual([]);
    expect(JSON.parse(JSON.stringify(states.details[0]))).toEqual(states.details[0]);
  });
});
