import { flush, setup, started } from './support/harness';

describe('VoiceService start()', () => {
  it('asks for the microphone, stops the tracks, lists devices with labels, fetches a token, creates one Device and registers it', async () => {
    const h = setup();
    expect(h.state().device.state).toBe('initializing');

    await h.service.start();

    expect(h.media.getUserMediaCalls).toBe(1);
    expect(h.media.liveTrackCount).toBe(0);
    expect(h.tokens.calls).toBe(1);
    expect(h.twilio.devices).toHaveLength(1);
    expect(h.twilio.device.token).toBe(h.tokens.issued[0]);
    expect(h.twilio.device.registerCalls).toBe(1);
    const s = h.state();
    expect(s.device).toMatchObject({
      state: 'registered',
      identity: 'alice',
      edge: 'roaming',
      home: 'us1',
      supported: true,
      isBusy: false,
    });
    expect(s.microphone.permission).toBe('granted');
    expect(s.audio.inputs).toEqual([
      { deviceId: 'default', label: 'Built-in microphone', groupId: 'g1' },
      { deviceId: 'mic-2', label: 'USB headset microphone', groupId: 'g2' },
    ]);
    expect(s.audio.outputs.map((o) => o.label)).toEqual(['Built-in speaker', 'USB headset']);
    expect(s.audio.outputSelectionSupported).toBe(true);
    expect(s.instance).toBe('alice');
    expect(s.device.tokenExpiresAt).toBeGreaterThan(Date.now());
    expect(h.eventNames()).toEqual(['device:registering', 'device:registered']);
  });

  it('requests the microphone before the Device exists', async () => {
    const order: string[] = [];
    const h = setup({}, ({ media, twilio }) => {
      const gum = media.getUserMedia.bind(media);
      media.getUserMedia = () => {
        order.push('getUserMedia');
        return gum();
      };
      twilio.configure = () => order.push('Device created');
    });
    await h.service.start();
    expect(order).toEqual(['getUserMedia', 'Device created']);
  });

  it('passes the configured Device options, including the gateway options', async () => {
    const h = await started({
      logLevel: 'warn',
      codecPreferences: ['pcmu'],
      edge: 'ashburn',
      closeProtection: 'Hang up first?',
      tokenRefreshMs: 10_000,
      allowIncomingWhileBusy: true,
      gateway: {
        chunderw: 'localhost:9000',
        eventgw: 'localhost:9000',
        sounds: { incoming: '/sounds/incoming.mp3' },
        rtcConfiguration: { iceServers: [] },
      },
    });
    expect(h.twilio.device.options).toEqual({
      logLevel: 'warn',
      codecPreferences: ['pcmu'],
      edge: 'ashburn',
      closeProtection: 'Hang up first?',
      enableImprovedSignalingErrorPrecision: true,
      tokenRefreshMs: 10_000,
      allowIncomingWhileBusy: true,
      chunderw: 'localhost:9000',
      eventgw: 'localhost:9000',
      // The local gateway drops insights events: none are published to it (config.ts).
      publishEvents: false,
      sounds: { incoming: '/sounds/incoming.mp3' },
    });
    await h.service.dial('client:bob');
    expect(h.twilio.device.connectOptions[0]).toEqual({
      params: { To: 'client:bob' },
      rtcConfiguration: { iceServers: [] },
    });
  });

  it('defaults to the seed options: opus then pcmu, improved error precision on, 30 s refresh margin', async () => {
    const h = await started();
    expect(h.twilio.device.options).toMatchObject({
      codecPreferences: ['opus', 'pcmu'],
      enableImprovedSignalingErrorPrecision: true,
      tokenRefreshMs: 30_000,
      // Always on in the SDK: the service itself rings a waiting call or rejects it busy (issue 12).
      allowIncomingWhileBusy: true,
    });
  });

  it('does not register when autoRegister is false', async () => {
    const h = await started({ autoRegister: false });
    expect(h.twilio.device.registerCalls).toBe(0);
    expect(h.state().device.state).toBe('unregistered');
    await h.service.register();
    expect(h.state().device.state).toBe('registered');
  });

  it('is idempotent under a StrictMode-style double start: one SDK load, one Device, one register', async () => {
    const h = setup();
    const first = h.service.start();
    const second = h.service.start();
    const third = h.service.register();
    expect(second).toBe(first);
    await Promise.all([first, second, third]);
    await h.service.start();
    expect(h.twilio.loads).toBe(1);
    expect(h.twilio.devices).toHaveLength(1);
    expect(h.twilio.device.registerCalls).toBe(1);
    expect(h.tokens.calls).toBe(1);
  });

  it('shares one in-flight registration between concurrent register() calls', async () => {
    const h = await started({ autoRegister: false });
    h.twilio.device.registration = 'manual';
    const a = h.service.register();
    const b = h.service.register();
    await flush();
    h.twilio.device.completeRegistration();
    await Promise.all([a, b]);
    expect(h.twilio.device.registerCalls).toBe(1);
  });

  describe('when the microphone is denied', () => {
    it('creates no Device, explains the denial with a next step, and refuses to dial', async () => {
      const h = setup({}, ({ media }) => {
        media.outcome = 'denied';
      });
      await h.service.start();
      expect(h.twilio.devices).toHaveLength(0);
      const s = h.state();
      expect(s.microphone.permission).toBe('denied');
      expect(s.lastError).toMatchObject({
        code: 31401,
        severity: 'blocking',
        source: 'microphone',
        message: 'Microphone access was denied.',
      });
      expect(s.lastError?.solutions.join(' ')).toMatch(/site settings/);
      await expect(h.service.dial('+14155550100')).rejects.toMatchObject({ code: 'microphone_denied' });
      await expect(h.service.register()).rejects.toMatchObject({ code: 'microphone_denied' });
    });

    it('finishes starting once requestMicrophone() is granted', async () => {
      const h = setup({}, ({ media }) => {
        media.outcome = 'denied';
      });
      await h.service.start();
      await expect(h.service.requestMicrophone()).rejects.toMatchObject({ code: 'microphone_denied' });
      h.media.outcome = 'granted';
      await h.service.requestMicrophone();
      expect(h.twilio.devices).toHaveLength(1);
      expect(h.state()).toMatchObject({
        microphone: { permission: 'granted' },
        lastError: null,
        device: { state: 'registered' },
      });
      expect(h.media.liveTrackCount).toBe(0);
    });
  });

  it('requestMicrophone() rejects as unsupported when no microphone can be opened', async () => {
    const h = await started();
    h.media.outcome = 'no-device';
    await expect(h.service.requestMicrophone()).rejects.toMatchObject({ code: 'unsupported', twilioCode: 31402 });
    expect(h.state().microphone.permission).toBe('unavailable');
  });

  it('reports a missing microphone as unavailable but still creates the Device (incoming calls can be answered once one is plugged in)', async () => {
    const h = await started({}, ({ media }) => {
      media.outcome = 'no-device';
    });
    expect(h.state().microphone.permission).toBe('unavailable');
    expect(h.state().lastError).toMatchObject({ code: 31402, severity: 'transient', source: 'microphone' });
    expect(h.twilio.devices).toHaveLength(1);
  });

  it('shows the browser permission state while the prompt is open', async () => {
    const h = setup({}, ({ permissions }) => {
      permissions.state = 'prompt';
    });
    await h.service.start();
    expect(h.states.some((s) => s.microphone.permission === 'prompt')).toBe(true);
  });

  it('marks an unsupported browser as a blocking state without creating a Device or throwing', async () => {
    const h = setup({}, ({ twilio }) => {
      twilio.isSupported = false;
    });
    await expect(h.service.start()).resolves.toBeUndefined();
    expect(h.twilio.devices).toHaveLength(0);
    expect(h.media.getUserMediaCalls).toBe(0);
    expect(h.state().device).toMatchObject({ state: 'unsupported', supported: false });
    expect(h.state().lastError).toMatchObject({ code: 'unsupported', severity: 'blocking' });
    await expect(h.service.dial('client:bob')).rejects.toMatchObject({ code: 'unsupported' });
    await expect(h.service.register()).rejects.toMatchObject({ code: 'unsupported' });
  });

  it('treats a page without mediaDevices (insecure context) as unsupported', async () => {
    const { FakeTwilio } = await import('./support/fakeTwilio');
    const { createVoiceService } = await import('../../src/voice/createVoiceService');
    const twilio = new FakeTwilio();
    const service = createVoiceService(
      { identity: 'alice' },
      {
        deviceFactory: twilio.factory,
        mediaDevices: null,
        tokenProvider: async () => ({ identity: 'alice', token: 't', ttl: 60 }),
      },
    );
    await service.start();
    expect(service.getState().device.state).toBe('unsupported');
    service.destroy();
  });

  it('keeps the device list current when devices are plugged in or out', async () => {
    const h = await started();
    h.media.simulateDeviceChange([
      { deviceId: 'default', kind: 'audioinput', label: 'Built-in microphone' },
      { deviceId: 'default', kind: 'audiooutput', label: 'Built-in speaker' },
      { deviceId: 'bt', kind: 'audiooutput', label: 'Bluetooth speaker' },
    ]);
    await flush();
    expect(h.state().audio.inputs.map((d) => d.label)).toEqual(['Built-in microphone']);
    expect(h.state().audio.outputs.map((d) => d.label)).toEqual(['Built-in speaker', 'Bluetooth speaker']);
  });

  it('surfaces a registration failure as a blocking error and recovers on the next registration', async () => {
    const h = await started({ autoRegister: false });
    h.twilio.device.registration = 'manual';
    const attempt = h.service.register();
    await flush();
    h.twilio.device.failRegistration(
      Object.assign(new Error('AccessTokenInvalid'), {
        code: 20101,
        explanation: 'Twilio was unable to validate your Access Token',
        solutions: [],
      }),
    );
    await expect(attempt).rejects.toMatchObject({ code: 'sdk_error', twilioCode: 20101 });
    expect(h.state().lastError).toMatchObject({
      code: 20101,
      severity: 'blocking',
      source: 'device',
      explanation: 'Twilio was unable to validate your Access Token',
    });
    expect(h.state().device.state).toBe('unregistered');

    h.twilio.device.registration = 'auto';
    await h.service.register();
    expect(h.state().lastError).toBeNull();
    expect(h.state().device.state).toBe('registered');
  });

  it('rejects an invalid configuration before doing anything', () => {
    expect(() => setup({ identity: 'not valid!' })).toThrow(/identity/);
    expect(() => setup({ codecPreferences: ['g722' as 'opus'] })).toThrow();
    expect(() => setup({ gateway: { chunderw: 'wss://host/signal' } })).toThrow(/host/);
  });
});
