import {
  CALL_EVENT_NAMES,
  DEVICE_EVENT_NAMES,
  SoftphoneEventSchema,
  SoftphoneStateSchema,
} from '../../src/contract/schema';
import { flush, inOutgoingCall, started } from './support/harness';
import { fakeTwilioError } from './support/fakeTwilio';

const jsonRoundTrip = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('events$ and state$ derived from SDK events', () => {
  it('publishes every Call event once, with the stable callSid and JSON-serialisable data', async () => {
    const h = await inOutgoingCall();
    const { call } = h;
    call.mute(true);
    call.simulateWarning('high-rtt', {
      name: 'rtt',
      threshold: { name: 'max', value: 400 },
      values: [410, 420, 500],
      samples: [],
    });
    call.simulateWarningCleared('high-rtt');
    call.simulateVolume(0.4, 0.2);
    call.simulateSample({ codecName: 'opus', rtt: 42, jitter: 3, mos: 4.3, totals: { packetsLost: 0 } });
    call.simulateMessageReceived({ step: 'menu' }, 'user-defined-message', 'KX1');
    const sent = h.service.sendMessage('ack');
    await flush();
    call.simulateMessageAck(call.sentMessages[0].voiceEventSid!);
    await sent;
    call.simulateReconnecting();
    call.simulateReconnected();
    call.simulateError(fakeTwilioError(31005, 'gateway hung up'));
    call.simulateRemoteHangup();

    const callEvents = h.events.filter((e) => e.source === 'call');
    expect(callEvents.every((e) => e.callSid === h.callSid)).toBe(true);
    for (const event of h.events) {
      expect(SoftphoneEventSchema.parse(event)).toEqual(event);
      expect(jsonRoundTrip(event)).toEqual(event);
    }
    const byName = Object.fromEntries(callEvents.map((e) => [e.name, e.data]));
    expect(byName).toEqual({
      ringing: { hasEarlyMedia: false },
      accept: { codec: 'opus', twilioCallSid: 'CA0000000000000000000000000000beef' },
      mute: { muted: true },
      warning: { name: 'high-rtt', values: [410, 420, 500], threshold: { name: 'max', value: 400 } },
      'warning-cleared': { name: 'high-rtt' },
      volume: { input: 0.4, output: 0.2 },
      sample: { codecName: 'opus', rtt: 42, jitter: 3, mos: 4.3, totals: { packetsLost: 0 } },
      messageReceived: {
        content: { step: 'menu' },
        contentType: 'application/json',
        messageType: 'user-defined-message',
        voiceEventSid: 'KX1',
      },
      messageSent: {
        content: 'ack',
        contentType: 'application/json',
        messageType: 'user-defined-message',
        voiceEventSid: call.sentMessages[0].voiceEventSid,
      },
      reconnecting: { code: 53405, message: 'Media connection failed.' },
      reconnected: null,
      error: { code: 31005, message: 'gateway hung up' },
      disconnect: null,
    });
  });

  it('covers the remaining Call events (cancel, reject) and every Device event', async () => {
    const h = await started();
    h.twilio.device
      .simulateIncoming({ callSid: 'CA1', from: 'client:bob', customParameters: { topic: 'billing' } })!
      .simulateCancel();
    h.twilio.device.simulateIncoming({ callSid: 'CA2' });
    await h.service.reject('CA2');
    h.twilio.device.simulateTokenWillExpire();
    h.twilio.device.simulateError(fakeTwilioError(31009, 'No transport available'));
    await h.service.unregister();
    h.service.destroy();

    const seen = new Set(h.events.map((e) => `${e.source}:${e.name}`));
    const expectedCall = ['cancel', 'reject'].map((n) => `call:${n}`);
    expect([...seen]).toEqual(
      expect.arrayContaining([...DEVICE_EVENT_NAMES.map((n) => `device:${n}`), ...expectedCall]),
    );
    expect(h.events.find((e) => e.name === 'incoming')?.data).toEqual({
      callSid: 'CA1',
      from: 'client:bob',
      to: 'client:alice',
      customParameters: { topic: 'billing' },
    });
    expect(h.events.find((e) => e.source === 'device' && e.name === 'error')?.data).toEqual({
      code: 31009,
      message: 'No transport available',
    });
  });

  it('lists every SDK event name the contract knows', () => {
    // Guards the test above and the service against a contract that grows silently.
    expect(DEVICE_EVENT_NAMES).toHaveLength(7);
    expect(CALL_EVENT_NAMES).toHaveLength(15);
  });

  it('every published state satisfies the bus schema and consecutive states differ', async () => {
    const h = await inOutgoingCall();
    h.call.simulateWarning('low-mos');
    await h.service.hangup();
    for (const s of h.states) expect(SoftphoneStateSchema.parse(s)).toEqual(s);
    for (let i = 1; i < h.states.length; i++) expect(h.states[i]).not.toEqual(h.states[i - 1]);
  });

  it('sends the 20 Hz volume levels to volume$ without touching state$', async () => {
    const h = await inOutgoingCall();
    const statesBefore = h.states.length;
    for (let i = 0; i < 100; i++) h.call.simulateVolume(i / 100, 1 - i / 100);
    expect(h.states.length).toBe(statesBefore);
    expect(h.volumes).toHaveLength(100);
    expect(h.volumes[10]).toEqual({ callSid: h.callSid, input: 0.1, output: 0.9 });
  });

  it('does not emit state for repeated samples that change nothing', async () => {
    const h = await inOutgoingCall();
    h.call.simulateSample({ codecName: 'opus', rtt: 40 });
    const statesBefore = h.states.length;
    for (let i = 0; i < 10; i++) h.call.simulateSample({ codecName: 'opus', rtt: 40 + i });
    expect(h.states.length).toBe(statesBefore);
    h.call.simulateSample({ codecName: 'pcmu', rtt: 40 });
    expect(h.states.length).toBe(statesBefore + 1);
    expect(h.state().calls[0].codec).toBe('pcmu');
  });

  it('tracks warnings and their clearing', async () => {
    const h = await inOutgoingCall();
    h.call.simulateWarning('high-jitter');
    h.call.simulateWarning('high-packet-loss');
    h.call.simulateWarning('high-jitter');
    expect(h.state().calls[0].warnings).toEqual(['high-jitter', 'high-packet-loss']);
    h.call.simulateWarningCleared('high-jitter');
    expect(h.state().calls[0].warnings).toEqual(['high-packet-loss']);
  });

  it('shows reconnecting and reconnected', async () => {
    const h = await inOutgoingCall();
    h.call.simulateReconnecting();
    expect(h.state().calls[0]).toMatchObject({ status: 'reconnecting', reconnecting: true });
    expect(h.state().activeCallSid).toBe(h.callSid);
    h.call.simulateReconnected();
    expect(h.state().calls[0]).toMatchObject({ status: 'open', reconnecting: false });
  });

  it('logs messages in both directions on the call', async () => {
    const h = await inOutgoingCall();
    h.call.simulateMessageReceived({ n: 1 }, 'user-defined-message', 'KXin');
    const sending = h.service.sendMessage({ n: 2 });
    await flush();
    h.call.simulateMessageAck(h.call.sentMessages[0].voiceEventSid!);
    await sending;
    expect(h.state().calls[0].messages.map((m) => [m.direction, m.content])).toEqual([
      ['received', { n: 1 }],
      ['sent', { n: 2 }],
    ]);
  });

  it('ends a call hung up remotely with an error as an error, and shows the error for that call', async () => {
    const h = await inOutgoingCall();
    h.call.simulateRemoteHangup(fakeTwilioError(31486, 'Busy Here', { explanation: 'The callee is busy.' }));
    expect(h.state().calls[0]).toMatchObject({ status: 'closed', endReason: 'error' });
    expect(h.state().lastError).toMatchObject({
      code: 31486,
      source: 'call',
      callSid: h.callSid,
      explanation: 'The callee is busy.',
      message: 'The line is busy.',
    });
  });

  it('ends a call hung up remotely without error as a remote hangup', async () => {
    const h = await inOutgoingCall();
    h.call.simulateRemoteHangup();
    expect(h.state().calls[0]).toMatchObject({ status: 'closed', endReason: 'remote-hangup' });
    expect(h.state().lastError).toBeNull();
  });

  describe('incoming call lifecycle', () => {
    it('pending → accepted → open → remote hangup', async () => {
      const h = await started();
      const call = h.twilio.device.simulateIncoming({ callSid: 'CA1', from: '+14155550100' })!;
      expect(h.state().calls[0]).toMatchObject({
        sid: 'CA1',
        twilioCallSid: 'CA1',
        direction: 'incoming',
        status: 'pending',
        from: '+14155550100',
        to: 'client:alice',
      });
      await h.service.accept('CA1');
      call.simulateAnswer();
      expect(h.state().calls[0].status).toBe('open');
      call.simulateRemoteHangup();
      expect(h.state().calls[0]).toMatchObject({ status: 'closed', endReason: 'remote-hangup' });
    });

    it('canceled by the caller before it is answered', async () => {
      const h = await started();
      h.twilio.device.simulateIncoming({ callSid: 'CA1' })!.simulateCancel();
      expect(h.state().calls[0]).toMatchObject({ status: 'closed', endReason: 'canceled' });
      expect(h.state().activeCallSid).toBeNull();
    });

    it('a microphone failure while accepting ends the call and explains it (disconnect, then error)', async () => {
      const h = await started();
      const call = h.twilio.device.simulateIncoming({ callSid: 'CA1' })!;
      await h.service.accept();
      call.simulateAcceptFailure(
        fakeTwilioError(31401, 'PermissionDeniedError (31401)', {
          explanation: 'The browser or end-user denied permissions to user media.',
        }),
      );
      expect(h.state().calls[0]).toMatchObject({ status: 'closed', endReason: 'error' });
      expect(h.state().lastError).toMatchObject({ code: 31401, severity: 'blocking', callSid: 'CA1' });
    });

    it('keeps only the last five ended calls', async () => {
      const h = await started();
      for (let i = 1; i <= 7; i++) h.twilio.device.simulateIncoming({ callSid: `CA${i}` })!.simulateCancel();
      expect(h.state().calls.map((c) => c.sid)).toEqual(['CA3', 'CA4', 'CA5', 'CA6', 'CA7']);
      await expect(h.service.postFeedback(3, undefined, 'CA1')).rejects.toMatchObject({ code: 'no_active_call' });
    });
  });

  it('attributes a Device error that names a call to that call', async () => {
    const h = await inOutgoingCall();
    h.twilio.device.simulateError(fakeTwilioError(31005, 'Connection error'), h.call);
    expect(h.state().lastError).toMatchObject({ code: 31005, source: 'call', callSid: h.callSid });
  });
});

describe('calls the SDK ends without an event', () => {
  it('closes a ringing call as ignored when dialing out (Device.connect ignores pending calls silently)', async () => {
    const h = await started();
    const ringing = h.twilio.device.simulateIncoming({ callSid: 'CA1' })!;
    await h.service.dial('client:bob');
    expect(ringing.ignoreCalls).toBe(1);
    expect(h.state().calls.find((c) => c.sid === 'CA1')).toMatchObject({ status: 'closed', endReason: 'ignored' });
    await flush();
    expect(ringing.clientListenerCount).toBe(0);
  });
});
