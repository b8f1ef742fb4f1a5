import { MAX_MESSAGE_BYTES, type SoftphoneState } from '../../src/contract/schema';
import { expectCode, flush, inOutgoingCall, setup, started } from './support/harness';
import { fakeTwilioError } from './support/fakeTwilio';

const callOf = (h: { state(): SoftphoneState }, sid: string) => h.state().calls.find((c) => c.sid === sid);

describe('register / unregister', () => {
  it('refuses before start() created a Device', async () => {
    const h = setup();
    await expectCode(h.service.register(), 'not_ready');
    await expectCode(h.service.unregister(), 'not_ready');
  });

  it('unregisters a registered Device and treats a second unregister as a no-op', async () => {
    const h = await started();
    await h.service.unregister();
    expect(h.state().device.state).toBe('unregistered');
    await h.service.unregister();
    expect(h.twilio.device.unregisterCalls).toBe(1);
    await h.service.register();
    expect(h.state().device.state).toBe('registered');
  });
});

describe('dial', () => {
  it('connects with To from the validated target, and identifies the call by its outbound connection id', async () => {
    const h = await started();
    const result = await h.service.dial('+1 (415) 555-0100', { Campaign: 'spring' });
    const call = h.twilio.device.activeCall!;
    expect(result.callSid).toBe(call.outboundConnectionId);
    expect(h.twilio.device.connectOptions[0].params).toEqual({ Campaign: 'spring', To: '+14155550100' });
    expect(callOf(h, result.callSid)).toMatchObject({
      direction: 'outgoing',
      status: 'connecting',
      to: '+14155550100',
      from: 'client:alice',
      twilioCallSid: null,
      customParameters: { Campaign: 'spring', To: '+14155550100' },
    });
    expect(h.state().activeCallSid).toBe(result.callSid);
  });

  it('keeps the stable sid once the CallSid is known, and accepts either id in commands', async () => {
    const h = await inOutgoingCall();
    const state = callOf(h, h.callSid)!;
    expect(state).toMatchObject({
      sid: h.call.outboundConnectionId,
      twilioCallSid: 'CA0000000000000000000000000000beef',
      status: 'open',
    });
    await h.service.mute(true, 'CA0000000000000000000000000000beef');
    expect(callOf(h, h.callSid)?.muted).toBe(true);
  });

  it('needs a Device but not a registration (the SDK places outgoing calls while unregistered)', async () => {
    const h = await started({ autoRegister: false });
    expect(h.state().device.state).toBe('unregistered');
    await expect(h.service.dial('client:bob')).resolves.toEqual({ callSid: expect.any(String) });
  });

  it('never lets params override the validated To', async () => {
    const h = await started();
    await h.service.dial('client:bob', { To: '+19005550100' });
    expect(h.twilio.device.connectOptions[0].params?.To).toBe('client:bob');
  });

  it.each(['12345', '4155550100', 'client:bad name', '', '+1415555010x', 'client:'])(
    'refuses %j as invalid_number',
    async (to) => {
      const h = await started();
      await expectCode(h.service.dial(to), 'invalid_number');
      expect(h.twilio.device.connectOptions).toHaveLength(0);
    },
  );

  it('refuses too many or malformed params as invalid_argument', async () => {
    const h = await started();
    const many = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`k${i}`, 'v']));
    await expectCode(h.service.dial('client:bob', many), 'invalid_argument');
    await expectCode(h.service.dial('client:bob', { k: 42 as unknown as string }), 'invalid_argument');
  });

  it('is busy while a call is active or another dial is still connecting', async () => {
    const h = await started();
    const first = h.service.dial('client:bob');
    await expectCode(h.service.dial('client:carol'), 'busy');
    await first;
    await expectCode(h.service.dial('client:carol'), 'busy');
    expect(h.twilio.device.connectOptions).toHaveLength(1);
  });

  it('is not_ready before the Device exists and after destroy', async () => {
    const h = setup();
    await expectCode(h.service.dial('client:bob'), 'not_ready');
    await h.service.start();
    h.service.destroy();
    await expectCode(h.service.dial('client:bob'), 'not_ready');
  });

  it('rejects with sdk_error and the Twilio code when the SDK refuses, and shows the error', async () => {
    const h = await started();
    h.twilio.device.connect = () => Promise.reject(fakeTwilioError(31000, 'boom'));
    await expect(h.service.dial('client:bob')).rejects.toMatchObject({ code: 'sdk_error', twilioCode: 31000 });
    expect(h.state().lastError).toMatchObject({ code: 31000, source: 'call', severity: 'transient' });
  });
});

describe('hangup / hangupAll', () => {
  it('hangs up the active call as a local hangup and keeps it as closed for feedback', async () => {
    const h = await inOutgoingCall();
    await h.service.hangup();
    expect(h.call.disconnectCalls).toBe(1);
    expect(callOf(h, h.callSid)).toMatchObject({ status: 'closed', endReason: 'local-hangup' });
    expect(callOf(h, h.callSid)?.endedAt).toEqual(expect.any(Number));
    expect(h.state().activeCallSid).toBeNull();
    expect(h.state().device.isBusy).toBe(false);
  });

  it('reports no_active_call without a call or for an unknown sid', async () => {
    const h = await started();
    await expectCode(h.service.hangup(), 'no_active_call');
    await h.service.dial('client:bob');
    await expectCode(h.service.hangup('CAunknown'), 'no_active_call');
  });

  it('refuses to hang up a ringing incoming call (reject or ignore it) and a closed one', async () => {
    const h = await started();
    const incoming = h.twilio.device.simulateIncoming({ callSid: 'CA1' })!;
    await expectCode(h.service.hangup('CA1'), 'wrong_state');
    incoming.simulateCancel();
    await expectCode(h.service.hangup('CA1'), 'wrong_state');
  });

  it('hangupAll disconnects the active call and rejects calls still ringing', async () => {
    const h = await inOutgoingCall({ allowIncomingWhileBusy: true });
    const waiting = h.twilio.device.simulateIncoming({ callSid: 'CA2' })!;
    await h.service.hangupAll();
    expect(h.twilio.device.disconnectAllCalls).toBe(1);
    expect(waiting.rejectCalls).toBe(1);
    expect(h.state().calls.map((c) => [c.status, c.endReason])).toEqual([
      ['closed', 'local-hangup'],
      ['closed', 'rejected'],
    ]);
  });

  it('hangupAll with no calls is a harmless no-op, but needs a Device', async () => {
    await expectCode(setup().service.hangupAll(), 'not_ready');
    const h = await started();
    await expect(h.service.hangupAll()).resolves.toBeUndefined();
  });
});

describe('accept / reject / ignore', () => {
  it('accepts the ringing call with the gateway rtcConfiguration; it becomes active once answered', async () => {
    const h = await started({ gateway: { rtcConfiguration: { iceServers: [] } } });
    const call = h.twilio.device.simulateIncoming({ callSid: 'CA1', from: 'client:bob' })!;
    expect(h.state().activeCallSid).toBeNull();
    await h.service.accept();
    expect(call.acceptOptions).toEqual([{ rtcConfiguration: { iceServers: [] } }]);
    expect(callOf(h, 'CA1')).toMatchObject({ status: 'connecting' });
    expect(h.state().activeCallSid).toBe('CA1');
    call.simulateAnswer();
    expect(callOf(h, 'CA1')).toMatchObject({ status: 'open', codec: 'opus' });
    expect(callOf(h, 'CA1')?.answeredAt).toEqual(expect.any(Number));
    expect(h.state().device.isBusy).toBe(true);
  });

  it('refuses accept/reject/ignore for calls that are not ringing, and when there is none', async () => {
    const h = await inOutgoingCall();
    await expectCode(h.service.accept(), 'no_active_call');
    await expectCode(h.service.accept(h.callSid), 'wrong_state');
    await expectCode(h.service.reject(h.callSid), 'wrong_state');
    await expectCode(h.service.ignore(h.callSid), 'wrong_state');
    await expectCode(h.service.reject(), 'no_active_call');
    await expectCode(h.service.ignore('CAnope'), 'no_active_call');
  });

  it('refuses to accept while the microphone is denied', async () => {
    const h = await started();
    h.twilio.device.simulateIncoming({ callSid: 'CA1' });
    h.media.outcome = 'denied';
    await expectCode(h.service.requestMicrophone(), 'microphone_denied');
    await expectCode(h.service.accept('CA1'), 'microphone_denied');
  });

  it('rejects a ringing call', async () => {
    const h = await started();
    const call = h.twilio.device.simulateIncoming({ callSid: 'CA1' })!;
    await h.service.reject('CA1');
    expect(call.rejectCalls).toBe(1);
    expect(callOf(h, 'CA1')).toMatchObject({ status: 'closed', endReason: 'rejected' });
  });

  it('ignores a ringing call: the SDK emits nothing, the service closes it itself', async () => {
    const h = await started();
    const call = h.twilio.device.simulateIncoming({ callSid: 'CA1' })!;
    const before = h.events.length;
    await h.service.ignore();
    expect(call.ignoreCalls).toBe(1);
    expect(callOf(h, 'CA1')).toMatchObject({ status: 'closed', endReason: 'ignored' });
    expect(h.events.length).toBe(before);
    await flush();
    expect(call.clientListenerCount).toBe(0);
  });
});

describe('mute', () => {
  it('toggles when no value is given and sets an explicit value', async () => {
    const h = await inOutgoingCall();
    await expect(h.service.mute()).resolves.toEqual({ muted: true });
    expect(callOf(h, h.callSid)?.muted).toBe(true);
    await expect(h.service.mute()).resolves.toEqual({ muted: false });
    await expect(h.service.mute(false)).resolves.toEqual({ muted: false });
    await expect(h.service.mute(true)).resolves.toEqual({ muted: true });
    expect(h.call.isMuted()).toBe(true);
  });

  it('needs a call that is connecting or connected', async () => {
    const h = await started();
    await expectCode(h.service.mute(), 'no_active_call');
    h.twilio.device.simulateIncoming({ callSid: 'CA1' });
    await expectCode(h.service.mute(true, 'CA1'), 'wrong_state');
  });
});

describe('sendDigits', () => {
  it('sends valid DTMF on the open call', async () => {
    const h = await inOutgoingCall();
    await h.service.sendDigits('12*#w9');
    expect(h.call.sentDigits).toEqual(['12*#w9']);
  });

  it.each(['12a', '', ' 1', '1'.repeat(257)])('refuses %j as invalid_digits', async (digits) => {
    const h = await inOutgoingCall();
    await expectCode(h.service.sendDigits(digits), 'invalid_digits');
    expect(h.call.sentDigits).toEqual([]);
  });

  it('only sends on an open call', async () => {
    const h = await started();
    await expectCode(h.service.sendDigits('1'), 'no_active_call');
    await h.service.dial('client:bob');
    h.twilio.device.activeCall!.simulateRinging();
    await expectCode(h.service.sendDigits('1'), 'wrong_state');
  });
});

describe('sendMessage', () => {
  it('resolves with the voiceEventSid once the gateway acknowledges it, and logs it on the call', async () => {
    const h = await inOutgoingCall();
    const pending = h.service.sendMessage({ hello: 'world' });
    await flush();
    const sent = h.call.sentMessages[0];
    expect(sent).toMatchObject({
      content: { hello: 'world' },
      messageType: 'user-defined-message',
      contentType: 'application/json',
    });
    h.call.simulateMessageAck(sent.voiceEventSid!);
    await expect(pending).resolves.toEqual({ voiceEventSid: sent.voiceEventSid });
    expect(callOf(h, h.callSid)?.messages).toEqual([
      {
        direction: 'sent',
        content: { hello: 'world' },
        messageType: 'user-defined-message',
        voiceEventSid: sent.voiceEventSid,
        at: expect.any(Number),
      },
    ]);
  });

  it('rejects when the gateway refuses the message', async () => {
    const h = await inOutgoingCall();
    const pending = h.service.sendMessage('hi', 'custom-type');
    await flush();
    h.call.simulateMessageError(
      h.call.sentMessages[0].voiceEventSid!,
      fakeTwilioError(31209, 'Call Message Event Payload size exceeded'),
    );
    await expect(pending).rejects.toMatchObject({ code: 'sdk_error', twilioCode: 31209 });
  });

  it('rejects a message still waiting for its ack when the call ends', async () => {
    const h = await inOutgoingCall();
    const pending = h.service.sendMessage('bye');
    await flush();
    h.call.simulateRemoteHangup();
    await expectCode(pending, 'wrong_state');
  });

  it('validates content and type before touching the SDK', async () => {
    const h = await inOutgoingCall();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expectCode(h.service.sendMessage('x'.repeat(MAX_MESSAGE_BYTES)), 'invalid_argument'); // quotes push it over
    await expectCode(h.service.sendMessage('é'.repeat(MAX_MESSAGE_BYTES / 2)), 'invalid_argument'); // 2 bytes each in UTF-8
    await expectCode(h.service.sendMessage(undefined), 'invalid_argument');
    await expectCode(h.service.sendMessage(null), 'invalid_argument');
    await expectCode(h.service.sendMessage(cyclic), 'invalid_argument');
    await expectCode(h.service.sendMessage('ok', ''), 'invalid_argument');
    expect(h.call.sentMessages).toHaveLength(0);
    const fits = h.service.sendMessage('x'.repeat(MAX_MESSAGE_BYTES - 2));
    await flush();
    expect(h.call.sentMessages).toHaveLength(1);
    h.call.simulateMessageAck(h.call.sentMessages[0].voiceEventSid!);
    await fits;
  });

  it('needs a call with a CallSid', async () => {
    const h = await started();
    await expectCode(h.service.sendMessage('hi'), 'no_active_call');
    await h.service.dial('client:bob');
    await expectCode(h.service.sendMessage('hi'), 'wrong_state');
  });
});

describe('audio devices', () => {
  it('selects the microphone', async () => {
    const h = await started();
    await h.service.setInputDevice('mic-2');
    expect(h.twilio.device.audio.inputDevice).toEqual({ deviceId: 'mic-2' });
    expect(h.state().audio.selectedInput).toBe('mic-2');
  });

  it('refuses unknown or empty microphone ids', async () => {
    const h = await started();
    await expectCode(h.service.setInputDevice('nope'), 'invalid_argument');
    await expectCode(h.service.setInputDevice(''), 'invalid_argument');
    await expectCode(setup().service.setInputDevice('mic-2'), 'not_ready');
  });

  it('selects speakers and ringtone outputs', async () => {
    const h = await started();
    await h.service.setOutputDevice(['speaker-2']);
    await h.service.setRingtoneDevice(['default', 'speaker-2']);
    expect(h.state().audio).toMatchObject({
      selectedOutputs: ['speaker-2'],
      selectedRingtoneOutputs: ['default', 'speaker-2'],
    });
  });

  it('refuses bad output ids and browsers without setSinkId', async () => {
    const h = await started();
    await expectCode(h.service.setOutputDevice([]), 'invalid_argument');
    await expectCode(h.service.setOutputDevice(['missing']), 'invalid_argument');
    h.twilio.device.audio.isOutputSelectionSupported = false;
    await expectCode(h.service.setOutputDevice(['speaker-2']), 'unsupported');
    await expectCode(h.service.setRingtoneDevice(['speaker-2']), 'unsupported');
  });

  it('plays the speaker test sound and reports a failure', async () => {
    const h = await started();
    await h.service.testSpeaker();
    expect(h.twilio.device.audio.speakerDevices.testCalls).toBe(1);
    h.twilio.device.audio.speakerDevices.testFailure = Object.assign(new Error('play() failed'), {
      name: 'NotAllowedError',
    });
    // NotAllowedError from play() is the autoplay policy, not the microphone.
    await expectCode(h.service.testSpeaker(), 'sdk_error');
    expect(h.state().lastError).toMatchObject({
      code: 'autoplay_blocked',
      source: 'audio',
      solutions: ['Click anywhere on the page, then try again.'],
    });
  });
});

describe('postFeedback', () => {
  it('posts feedback for the call that just ended and marks it sent', async () => {
    const h = await inOutgoingCall();
    await h.service.hangup();
    await h.service.postFeedback(4, 'choppy-audio');
    expect(h.call.feedback).toEqual([{ score: 4, issue: 'choppy-audio' }]);
    expect(callOf(h, h.callSid)?.feedbackSent).toBe(true);
  });

  it.each([
    [0, undefined],
    [6, undefined],
    [2.5, undefined],
    [3, 'bad-audio'],
  ])('refuses score %p issue %p as invalid_argument', async (score, issue) => {
    const h = await inOutgoingCall();
    await expectCode(h.service.postFeedback(score, issue as never), 'invalid_argument');
    expect(h.call.feedback).toEqual([]);
  });

  it('needs a call', async () => {
    const h = await started();
    await expectCode(h.service.postFeedback(5), 'no_active_call');
  });
});

describe('clearError', () => {
  it('forgets lastError', async () => {
    const h = await started();
    h.twilio.device.simulateError(fakeTwilioError(31009, 'transport'));
    expect(h.state().lastError).not.toBeNull();
    h.service.clearError();
    expect(h.state().lastError).toBeNull();
  });
});

describe('after destroy', () => {
  it('every command rejects with not_ready', async () => {
    const h = await inOutgoingCall();
    h.service.destroy();
    const s = h.service;
    const attempts: Array<Promise<unknown>> = [
      s.start(),
      s.register(),
      s.unregister(),
      s.dial('client:bob'),
      s.hangup(),
      s.hangupAll(),
      s.accept(),
      s.reject(),
      s.ignore(),
      s.mute(),
      s.sendDigits('1'),
      s.sendMessage('x'),
      s.setInputDevice('mic-2'),
      s.setOutputDevice(['default']),
      s.setRingtoneDevice(['default']),
      s.testSpeaker(),
      s.postFeedback(5),
      s.requestMicrophone(),
    ];
    for (const attempt of attempts) await expectCode(attempt, 'not_ready');
  });
});
