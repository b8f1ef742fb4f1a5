import { REFILL_FALLBACK_MS, WarmPeerConnection } from '../../src/voice/warmPeerConnection';
import type { PeerConnectionConstructor } from '../../src/voice/warmPeerConnection';
import { globalTimers } from '../../src/voice/timers';
import { flush, started } from './support/harness';

/** The part of RTCPeerConnection the warm connection touches, recording what was built and closed. */
class FakePeerConnection extends EventTarget {
  static built: FakePeerConnection[] = [];
  static failNext = 0;
  signalingState: RTCSignalingState = 'stable';
  closed = false;
  listeners = 0;

  constructor(readonly configuration?: RTCConfiguration) {
    super();
    if (FakePeerConnection.failNext > 0) {
      FakePeerConnection.failNext -= 1;
      throw new DOMException('no more connections', 'UnknownError');
    }
    FakePeerConnection.built.push(this);
  }

  override addEventListener(...args: Parameters<EventTarget['addEventListener']>): void {
    this.listeners += 1;
    super.addEventListener(...args);
  }

  override removeEventListener(...args: Parameters<EventTarget['removeEventListener']>): void {
    this.listeners -= 1;
    super.removeEventListener(...args);
  }

  close(): void {
    this.closed = true;
    this.signalingState = 'closed';
  }

  /** What the SDK's offer and the gateway's answer do to it. */
  moveTo(state: RTCSignalingState): void {
    this.signalingState = state;
    this.dispatchEvent(new Event('signalingstatechange'));
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

  it('builds the next one once the taken connection has its answer, in a task of its own', () => {
    const warm = warmFor(config);
    warm.prime();
    const taken = sdkBuilds(warm, config);
    taken.moveTo('have-local-offer');
    expect(FakePeerConnection.built).toHaveLength(1);
    taken.moveTo('stable');
    expect(FakePeerConnection.built).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(FakePeerConnection.built).toHaveLength(2);
    expect(warm.ready).toBe(true);
    expect(taken.listeners).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
    expect(sdkBuilds(warm, config)).toBe(FakePeerConnection.built[1]);
  });

  it('builds the next one after the fallback delay when the taken one never gets an answer', () => {
    const warm = warmFor(config);
    warm.prime();
    const taken = sdkBuilds(warm, config);
    taken.moveTo('have-local-offer');
    jest.advanceTimersByTime(REFILL_FALLBACK_MS - 1);
    expect(FakePeerConnection.built).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(FakePeerConnection.built).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(FakePeerConnection.built).toHaveLength(2);
    expect(taken.listeners).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
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

  it('dispose closes the warm connection, stops the refill and builds nothing ahead any more', () => {
    const warm = warmFor(config);
    warm.prime();
    const taken = sdkBuilds(warm, config);
    warm.prime();
    const spare = FakePeerConnection.built[1];
    warm.dispose();
    warm.dispose();
    expect(spare?.closed).toBe(true);
    expect(taken.closed).toBe(false); // the SDK's own, closed by the SDK at hang-up
    expect(taken.listeners).toBe(0);
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
    expect(FakePeerConnection.built).toHaveLength(1);
    const configuration = h.service.config.gateway?.rtcConfiguration;
    expect(FakePeerConnection.built[0]?.configuration).toBe(configuration);
    // What the SDK does for the call: the warm one, built before the dial.
    if (!ctor) throw new Error('no RTCPeerConnection option');
    expect(new ctor(configuration)).toBe(FakePeerConnection.built[0]);
    jest.advanceTimersByTime(REFILL_FALLBACK_MS + 1);
    await flush();
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
