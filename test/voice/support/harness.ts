/** Builds a VoiceService wired to the Twilio/media doubles and records everything it publishes. */
import type { SoftphoneEvent, SoftphoneState } from '../../../src/contract/schema';
import {
  createVoiceService,
  type VoiceService,
  type VoiceServiceConfig,
  type VoiceServiceDeps,
} from '../../../src/voice/createVoiceService';
import type { CallVolume } from '../../../src/contract/service';
import type { IssuedToken } from '../../../src/voice/token';
import { FakeCallControlServer } from './fakeCallControlServer';
import { FakeMediaDevices, FakePermissions, FakeTwilio, makeJwt } from './fakeTwilio';

/** Issues JWTs whose `exp` is `ttl` seconds from the (possibly faked) clock; can be told to fail. */
export class FakeTokenServer {
  ttl = 3600;
  calls = 0;
  /** How many of the next requests fail. */
  failures = 0;
  readonly issued: string[] = [];

  readonly provider = async (identity: string): Promise<IssuedToken> => {
    this.calls++;
    if (this.failures > 0) {
      this.failures--;
      throw new Error('The token server answered HTTP 503.');
    }
    const token = makeJwt({
      exp: Math.floor(Date.now() / 1000) + this.ttl,
      grants: { identity },
      jti: `token-${this.calls}`,
    });
    this.issued.push(token);
    return { identity, token, ttl: this.ttl };
  };
}

export interface Harness {
  service: VoiceService;
  twilio: FakeTwilio;
  media: FakeMediaDevices;
  permissions: FakePermissions;
  tokens: FakeTokenServer;
  /** The call-control route (fetch double). */
  server: FakeCallControlServer;
  states: SoftphoneState[];
  events: SoftphoneEvent[];
  volumes: CallVolume[];
  state(): SoftphoneState;
  eventNames(): string[];
}

export function setup(
  config: Partial<VoiceServiceConfig> = {},
  prepare: (
    h: Omit<Harness, 'service' | 'states' | 'events' | 'volumes' | 'state' | 'eventNames' | 'server'>,
  ) => void = () => undefined,
  deps: Partial<VoiceServiceDeps> = {},
): Harness {
  const twilio = new FakeTwilio('alice');
  const media = new FakeMediaDevices();
  const permissions = new FakePermissions('prompt');
  const tokens = new FakeTokenServer();
  prepare({ twilio, media, permissions, tokens });
  const server = new FakeCallControlServer(() => twilio.device);
  const service = createVoiceService(
    { identity: 'alice', ...config },
    {
      deviceFactory: twilio.factory,
      tokenProvider: tokens.provider,
      mediaDevices: media,
      permissions,
      random: () => 0.5,
      fetch: server.fetch,
      createBeeper: () => null,
      ...deps,
    },
  );
  const states: SoftphoneState[] = [];
  const events: SoftphoneEvent[] = [];
  const volumes: CallVolume[] = [];
  service.state$.subscribe((s) => states.push(s));
  service.events$.subscribe((e) => events.push(e));
  service.volume$.subscribe((v) => volumes.push(v));
  return {
    service,
    twilio,
    media,
    permissions,
    tokens,
    server,
    states,
    events,
    volumes,
    state: () => service.getState(),
    eventNames: () => events.map((e) => `${e.source}:${e.name}`),
  };
}

/** Lets every queued promise continuation run (works with real and fake timers). */
export async function flush(rounds = 50): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

/** A started, registered service. */
export async function started(
  config: Partial<VoiceServiceConfig> = {},
  prepare?: Parameters<typeof setup>[1],
  deps?: Partial<VoiceServiceDeps>,
): Promise<Harness> {
  const h = setup(config, prepare, deps);
  await h.service.start();
  await flush();
  return h;
}

/** A started service with an open outgoing call to client:bob. */
export async function inOutgoingCall(config: Partial<VoiceServiceConfig> = {}, deps?: Partial<VoiceServiceDeps>) {
  const h = await started(config, undefined, deps);
  const { callSid } = await h.service.dial('client:bob');
  const call = h.twilio.device.activeCall;
  if (!call) throw new Error('dial did not create a call');
  call.simulateRinging('CA0000000000000000000000000000beef');
  call.simulateAnswer();
  return { ...h, callSid, call };
}

/** Asserts a promise rejects with a SoftphoneError of the given code. */
export async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name: 'SoftphoneError', code });
}
