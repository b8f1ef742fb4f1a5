import { Subject } from 'rxjs';
import type { SoftphoneState } from '../../src/contract/schema';
import { buildCall, buildState } from '../../src/contract/testing';
import { WarmPeerConnection, type PeerConnectionConstructor } from '../../src/voice/warmPeerConnection';
import { globalTimers } from '../../src/voice/timers';
import { flush, started } from './support/harness';

/** The part of RTCPeerConnection the warm connection touches, recording what was built and closed. */
class FakePeerConnection {
  static built: FakePeerConnection[] = [];
  static failNext = 0;
  signalingState: RTCSignalingState = 'stable';
  closed = false;

  constructor(readonly configuration?: RTCConfiguration) {
    if (FakePeerConnection.failNext > 0) {
      FakePeerConnection.failNext -= 1;
      throw new DOMException('no more connections', 'UnknownError');
    }
    FakePeerConnection.built.push(this);
  }

  close(): void {
    this.closed = true;
    this.signalingState = 'closed';
  }
}

const native = FakePeerConnection as unknown as PeerConnectionConstructor;
const config: RTCConfiguration = { iceServers: [] };

function warmFor(configuration: RTCConfiguration | undefined): WarmPeerConnection {
  return new WarmPeerConnection({ native, configuration, timers: globalTimers });
}

/** The SDK's side: `new options.RTCPeerConnection(rtcConfiguration)` (rtc/rtcpc.js). */
function sdkBuilds(warm: WarmPeerConnection, configuration: RTCConfiguration | undefined): FakePeerConnection {
  return new warm.sdkConstructor(configuration) as unknown as FakePeerConnection;
}

beforeEach(() => {
  FakePeerConnection.built = [];
  FakePeerConnection.failNext = 0;
  jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
});
afterEach(() => {
  jest.useRealTimers();
});

describe('WarmPeerConnection', () => {
  it('builds one connection ahead with the configuration and hands exactly that one to the next call', () => {
    const warm = warmFor(config);
    expect(warm.ready).toBe(false);
    warm.prime();
    warm.prime();
    expect(FakePeerConnection.built).toHaveLength(1);
    expect(FakePeerConnection.built[0]?.configuration).toBe(config);
    expect(warm.ready).toBe(true);

    const taken = sdkBuilds(warm, config);
    expect(taken).toBe(FakePeerConnection.built[0]);
    expect(warm.ready).toBe(false);
    // A second call before the refill builds its own, with the configuration it asked for.
    const second = sdkBuilds(warm, config);
    expect(second).not.toBe(taken);
    expect(second.configuration).toBe(config);
    expect(FakePeerConnection.built).toHaveLength(2);
  });

  it('builds the next one while the phone is idle: registered, every call over, in a task of its own', () => {
    const warm = warmFor(config);
    const states = new Subject<SoftphoneState>();
    warm.watch(states);
    states.next(buildState({ device: { state: 'unregistered' } }));
    jest.advanceTimersByTime(1);
    expect(FakePeerConnection.built).toHaveLength(0);
    states.next(buildState());
    expect(FakePeerConnection.built).toHaveLength(0);
    jest.advanceTimersByTime(1);
    expect(FakePeerConnection.built).toHaveLength(1);

    // The dial takes it; until its call shows in state, nothing is built beside it (it would land on its setup).
    const taken = sdkBuilds(warm, config);
    states.next(buildState());
    jest.advanceTimersByTime(1);
    expect(FakePeerConnection.built).toHaveLength(1);
    states.next(buildState({ calls: [buildCall({ status: 'connecting' })] }));
    states.next(buildState({ calls: [buildCall({ status: 'open' })] }));
    jest.advanceTimersByTime(1);
    expect(FakePeerConnection.built).toHaveLength(1);
    // Hang-up: idle again, the next one is built.
    states.next(buildState({ calls: [buildCall({ status: 'closed' })] }));
    jest.advanceTimersByTime(1);
    expect(FakePeerConnection.built).toHaveLength(2);
    expect(sdkBuilds(warm, config)).not.toBe(taken);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('does not build when the phone stopped being idle before its task ran', () => {
    const warm = warmFor(config);
    const states = new Subject<SoftphoneState>();
    warm.watch(states);
    states.next(buildState());
    states.next(buildState({ calls: [buildCall({ direction: 'incoming', status: 'pending' })] }));
    jest.advanceTimersByTime(1);
    expect(FakePeerConnection.built).toHaveLength(0);
  });

  it('builds a fresh connection for another configuration and keeps the warm one', () => {
    const warm = warmFor(config);
    warm.prime();
    const other: RTCConfiguration = { iceServers: [{ urls: 'stun:elsewhere' }] };
    const built = sdkBuilds(warm, other);
    expect(built.configuration).toBe(other);
    expect(built).not.toBe(FakePeerConnection.built[0]);
    expect(warm.ready).toBe(true);
    expect(sdkBuilds(warm, undefined)).not.toBe(FakePeerConnection.built[0]);
  });

  it('serves the Twilio mode, where neither the service nor the SDK passes a configuration', () => {
    const warm = warmFor(undefined);
    warm.prime();
    expect(FakePeerConnection.built[0]?.configuration).toBeUndefined();
    expect(sdkBuilds(warm, undefined)).toBe(FakePeerConnection.built[0]);
  });

  it('builds nothing ahead when the configuration asks for an ICE candidate pool (it would gather while idle)', () => {
    const pooled: RTCConfiguration = { iceServers: [], iceCandidatePoolSize: 2 };
    const warm = warmFor(pooled);
    warm.prime();
    expect(FakePeerConnection.built).toHaveLength(0);
    expect(sdkBuilds(warm, pooled).configuration).toBe(pooled);
  });

  it('falls back to building per call when building ahead fails, and the call meets its own error', () => {
    const warm = warmFor(config);
    FakePeerConnection.failNext = 1;
    warm.prime();
    expect(warm.ready).toBe(false);
    expect(sdkBuilds(warm, config)).toBe(FakePeerConnection.built[0]);
    FakePeerConnection.failNext = 1;
    expect(() => sdkBuilds(warm, config)).toThrow('no more connections');
  });

  it('never hands over a warm connection that was closed meanwhile', () => {
    const warm = warmFor(config);
    warm.prime();
    FakePeerConnection.built[0]?.close();
    expect(warm.ready).toBe(false);
    expect(sdkBuilds(warm, config)).not.toBe(FakePeerConnection.built[0]);
  });

  it('dispose closes the warm connection, stops watching and builds nothing ahead any more', () => {
    const warm = warmFor(config);
    const states = new Subject<SoftphoneState>();
    warm.watch(states);
    warm.prime();
    const spare = FakePeerConnection.built[0];
    states.next(buildState({ calls: [buildCall({ status: 'open' })] }));
    const taken = sdkBuilds(warm, config);
    expect(taken).toBe(spare);
    warm.prime();
    const next = FakePeerConnection.built[1];
    states.next(buildState());
    warm.dispose();
    warm.dispose();
    expect(next?.closed).toBe(true);
    expect(taken.closed).toBe(false); // the SDK's own, closed by the SDK at hang-up
    expect(states.observed).toBe(false);
    expect(jest.getTimerCount()).toBe(0);
    warm.prime();
    expect(FakePeerConnection.built).toHaveLength(2);
    expect(sdkBuilds(warm, config)).toBe(FakePeerConnection.built[2]);
  });
});

describe('the service and the warm RTCPeerConnection', () => {
  it('gives the SDK the warm constructor, builds one once registered and closes it on destroy', async () => {
    const h = await started({ gateway: { rtcConfiguration: { iceServers: [] } } }, undefined, {
      peerConnection: native,
    });
    const ctor = h.twilio.device.options.RTCPeerConnection;
    expect(ctor).toBeDefined();
    expect(h.state().device.state).toBe('registered');
    jest.advanceTimersByTime(1);
    expect(FakePeerConnection.built).toHaveLength(1);
    const configuration = h.service.config.gateway?.rtcConfiguration;
    expect(FakePeerConnection.built[0]?.configuration).toBe(configuration);
    // What the SDK does for the call: the warm one, built before the dial.
    if (!ctor) throw new Error('no RTCPeerConnection option');
    expect(new ctor(configuration)).toBe(FakePeerConnection.built[0]);
    // The dial's call shows in state, then ends: the next one is built after the hang-up.
    await h.service.dial('client:bob');
    await flush();
    jest.advanceTimersByTime(1);
    expect(FakePeerConnection.built).toHaveLength(1);
    await h.service.hangup();
    await flush();
    jest.advanceTimersByTime(1);
    expect(FakePeerConnection.built).toHaveLength(2);

    h.service.destroy();
    await flush();
    expect(FakePeerConnection.built[1]?.closed).toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('leaves the SDK its own constructor where the environment has none', async () => {
    const h = await started({}, undefined, { peerConnection: null });
    expect(h.twilio.device.options).not.toHaveProperty('RTCPeerConnection');
    h.service.destroy();
  });
});
