import { buildDeviceOptions, resolveVoiceServiceConfig, VoiceServiceConfigSchema } from '../../src/voice/config';
import { toLastError, toSoftphoneError } from '../../src/voice/errors';
import { createSdkDeviceFactory, loadSdkDeviceFactory } from '../../src/voice/sdkAdapter';
import { SoftphoneError } from '../../src/contract/service';
import { toJson } from '../../src/voice/eventData';
import { fakeTwilioError } from './support/fakeTwilio';

describe('VoiceServiceConfigSchema', () => {
  it('fills in the documented defaults', () => {
    expect(VoiceServiceConfigSchema.parse({ identity: 'alice' })).toEqual({
      identity: 'alice',
      tokenUrl: '/token',
      autoRegister: true,
      logLevel: 'error',
      codecPreferences: ['opus', 'pcmu'],
      // On by default (issue 14): a reload must not drop an open or ringing call without asking.
      closeProtection: true,
      watchdogIntervalMs: 5_000,
      enableImprovedSignalingErrorPrecision: true,
      tokenRefreshMs: 30_000,
      tokenRetryBaseMs: 1_000,
      tokenRetryMaxMs: 5_000,
      // Call waiting on by default (issue 12), through the server's call-control route.
      allowIncomingWhileBusy: true,
      callControlUrl: '/call-control',
    });
  });

  it('rejects untrusted props that do not fit', () => {
    const bad = [
      {},
      { identity: '' },
      { identity: 'x'.repeat(122) },
      { identity: 'alice', tokenRefreshMs: -1 },
      { identity: 'alice', logLevel: 'loud' },
      { identity: 'alice', gateway: { sounds: { boom: '/x.mp3' } } },
      { identity: 'alice', gateway: { rtcConfiguration: { iceServers: 'stun:x' } } },
    ];
    for (const props of bad) expect(VoiceServiceConfigSchema.safeParse(props).success).toBe(false);
  });

  it('publishes no insights events to the local gateway (it drops them) and leaves Twilio mode as the SDK has it', () => {
    const local = buildDeviceOptions(
      resolveVoiceServiceConfig({
        identity: 'alice',
        gateway: { chunderw: 'localhost:9000', eventgw: 'localhost:9000' },
      }),
    );
    expect(local.publishEvents).toBe(false);
    const twilio = buildDeviceOptions(resolveVoiceServiceConfig({ identity: 'alice', edge: 'ashburn' }));
    expect('publishEvents' in twilio).toBe(false);
  });

  it('lets gateway.edge override edge and omits options that were not given', () => {
    const options = buildDeviceOptions(
      resolveVoiceServiceConfig({ identity: 'alice', edge: 'ashburn', gateway: { edge: ['dublin', 'frankfurt'] } }),
    );
    expect(options.edge).toEqual(['dublin', 'frankfurt']);
    const plain = buildDeviceOptions(resolveVoiceServiceConfig({ identity: 'alice' }));
    expect(Object.keys(plain).sort()).toEqual(
      [
        'allowIncomingWhileBusy',
        'closeProtection',
        'codecPreferences',
        'enableImprovedSignalingErrorPrecision',
        'logLevel',
        'tokenRefreshMs',
      ].sort(),
    );
  });
});

describe('error mapping', () => {
  const ctx = { source: 'device' as const, at: 1 };

  it("uses the TwilioError's own explanation and solutions when it has them", () => {
    const error = fakeTwilioError(31402, 'AcquisitionFailedError (31402)', {
      explanation: 'Getting the media failed.',
      solutions: ['Ensure the deviceID exists.'],
    });
    expect(toLastError(error, ctx)).toEqual({
      code: 31402,
      message: 'The microphone could not be opened.',
      explanation: 'Getting the media failed.',
      solutions: ['Ensure the deviceID exists.'],
      severity: 'transient',
      source: 'device',
      at: 1,
    });
  });

  it('fills empty SDK explanations with human text and marks token/permission problems blocking', () => {
    const invalid = toLastError(fakeTwilioError(20101, 'AccessTokenInvalid (20101)'), ctx);
    expect(invalid).toMatchObject({ code: 20101, severity: 'blocking', message: 'The access token was rejected.' });
    expect(invalid.solutions[0]).toMatch(/Reload the page/);
    expect(toLastError(fakeTwilioError(31204, 'x'), ctx).severity).toBe('blocking');
    expect(toLastError(fakeTwilioError(31486, 'x'), ctx).severity).toBe('transient');
  });

  it('maps DOM exceptions onto the Twilio codes that describe them', () => {
    const denied = toLastError(Object.assign(new Error('denied'), { name: 'NotAllowedError' }), {
      source: 'microphone',
      at: 1,
    });
    expect(denied).toMatchObject({ code: 31401, severity: 'blocking', source: 'microphone' });
    expect(toLastError(Object.assign(new Error('busy'), { name: 'NotReadableError' }), ctx).code).toBe(31402);
  });

  it('describes unknown failures without inventing a Twilio code', () => {
    expect(toLastError(new Error('kaboom'), ctx)).toMatchObject({
      code: 'internal_error',
      message: 'kaboom',
      severity: 'transient',
    });
    expect(toLastError('plain string', ctx)).toMatchObject({ code: 'internal_error', message: 'plain string' });
  });

  it('maps SDK exceptions onto bus error codes', () => {
    expect(toSoftphoneError(Object.assign(new Error('bad'), { name: 'InvalidArgumentError' })).code).toBe(
      'invalid_argument',
    );
    expect(toSoftphoneError(Object.assign(new Error('bad'), { name: 'InvalidStateError' })).code).toBe('wrong_state');
    expect(toSoftphoneError(fakeTwilioError(31401)).code).toBe('microphone_denied');
    expect(toSoftphoneError(fakeTwilioError(31000))).toMatchObject({ code: 'sdk_error', twilioCode: 31000 });
    const own = new SoftphoneError('busy', 'x');
    expect(toSoftphoneError(own)).toBe(own);
  });
});

describe('event data', () => {
  it('keeps only JSON values', () => {
    const cyclic: Record<string, unknown> = { a: 1, f: () => 1, n: Number.NaN, u: undefined };
    cyclic.self = cyclic;
    const json = toJson(cyclic, 3);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json).toMatchObject({ a: 1, n: null });
  });
});

describe('the real SDK adapter', () => {
  it('loads @twilio/voice-sdk lazily and reports Device.isSupported (false in jsdom: no WebRTC)', async () => {
    const factory = await loadSdkDeviceFactory();
    expect(factory.isSupported).toBe(false);
  });

  it('translates codec names to the SDK enum and passes the other options through', () => {
    const constructed: Array<{ token: string; options: unknown }> = [];
    class StubDevice {
      static isSupported = true;
      constructor(token: string, options: unknown) {
        constructed.push({ token, options });
      }
    }
    const sdk = { Device: StubDevice, Call: { Codec: { Opus: 'opus', PCMU: 'pcmu' } } } as unknown as Parameters<
      typeof createSdkDeviceFactory
    >[0];
    const factory = createSdkDeviceFactory(sdk);
    factory.create('jwt', { codecPreferences: ['pcmu', 'opus'], chunderw: 'localhost', logLevel: 'warn' });
    expect(factory.isSupported).toBe(true);
    expect(constructed).toEqual([
      { token: 'jwt', options: { codecPreferences: ['pcmu', 'opus'], chunderw: 'localhost', logLevel: 'warn' } },
    ]);
  });
});
