/**
 * The signalling recovery (issue 14: signalling back → registered ≤ 5 s): while the SDK is offline and a
 * registration is wanted it probes the gateway on its own backoff with jitter, and once a probe opens it has the
 * SDK's transport connect now. Driven with fake timers, a fake Device and fake probe sockets.
 */
import type { CurrentDevice } from '../../src/voice/currentDevice';
import type { DeviceLike } from '../../src/voice/sdkTypes';
import {
  SignallingRecovery,
  sdkSignallingTransport,
  signallingUrls,
  type ProbeSocketLike,
  type SignallingTransportLike,
} from '../../src/voice/signallingRecovery';
import { globalTimers } from '../../src/voice/timers';

class FakeProbe implements ProbeSocketLike {
  onopen: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  closedWith: number | undefined | null = null;
  constructor(
    readonly url: string,
    readonly at: number,
  ) {}
  close(code?: number): void {
    this.closedWith = code;
  }
}

interface Rig {
  recovery: SignallingRecovery;
  sdk: { state: string; edge: string | null };
  registration: { wanted: boolean };
  transport: SignallingTransportLike & { opened: number; state: string };
  probes: FakeProbe[];
  random: { value: number };
}

function rig(options: { urls?: string[]; transport?: boolean } = {}): Rig {
  const t0 = Date.now();
  const sdk = { state: 'unregistered', edge: null as string | null };
  const registration = { wanted: true };
  const transport = {
    state: 'connecting',
    opened: 0,
    open() {
      this.opened++;
    },
  };
  const probes: FakeProbe[] = [];
  const random = { value: 0.5 };
  const device = { get: () => sdk as unknown as DeviceLike, registration } as unknown as CurrentDevice;
  const recovery = new SignallingRecovery({
    urls: options.urls ?? ['wss://gw.test/signal'],
    device,
    timers: globalTimers,
    now: () => Date.now(),
    random: () => random.value,
    openSocket: (url) => {
      const probe = new FakeProbe(url, Date.now() - t0);
      probes.push(probe);
      return probe;
    },
    transportOf: () => (options.transport === false ? null : transport),
  });
  return { recovery, sdk, registration, transport, probes, random };
}

beforeEach(() => {
  jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
});
afterEach(() => {
  jest.useRealTimers();
});

/** Fails every probe as soon as it is opened, for `ms`. */
function failProbesFor(r: Rig, ms: number): void {
  for (let t = 0; t < ms; t += 50) {
    jest.advanceTimersByTime(50);
    for (const p of r.probes) if (p.closedWith === null) p.onerror?.({});
  }
}

describe('signalling recovery', () => {
  it('probes on a doubling backoff capped at 2 s in a young outage, then up to the SDK cap of 20 s', () => {
    const r = rig();
    r.recovery.check();
    failProbesFor(r, 30_000);
    const young = r.probes.map((p) => p.at);
    // random 0.5 = no jitter: 250, +500, +1000, +2000, then every 2 s.
    expect(young.slice(0, 5)).toEqual([250, 750, 1750, 3750, 5750]);
    const gaps = young.slice(1).map((at, i) => at - (young[i] ?? 0));
    expect(Math.max(...gaps)).toBe(2_000);
    failProbesFor(r, 60_000);
    const later = r.probes.map((p) => p.at).filter((at) => at > 31_000);
    const laterGaps = later.slice(1).map((at, i) => at - (later[i] ?? 0));
    expect(Math.max(...laterGaps)).toBe(20_000);
    expect(r.transport.opened).toBe(0);
  });

  it('jitters each delay by ±40 %', () => {
    const low = rig();
    low.random.value = 0;
    low.recovery.check();
    jest.advanceTimersByTime(149);
    expect(low.probes).toHaveLength(0);
    jest.advanceTimersByTime(1);
    expect(low.probes).toHaveLength(1);
    const high = rig();
    high.random.value = 1;
    high.recovery.check();
    jest.advanceTimersByTime(349);
    expect(high.probes).toHaveLength(0);
    jest.advanceTimersByTime(1);
    expect(high.probes).toHaveLength(1);
  });

  it('when a probe opens: closes it and has the SDK transport connect now; stops once the Device is back', () => {
    const r = rig();
    r.recovery.check();
    failProbesFor(r, 2_000);
    jest.advanceTimersByTime(2_000);
    const open = r.probes[r.probes.length - 1];
    expect(open?.closedWith).toBeNull();
    open?.onopen?.({});
    expect(open?.closedWith).toBe(1000);
    expect(r.transport.opened).toBe(1);
    // The SDK connected and re-registers by itself: its next event makes the recovery look again and stop.
    r.sdk.edge = 'roaming';
    r.sdk.state = 'registering';
    r.recovery.check();
    const count = r.probes.length;
    jest.advanceTimersByTime(60_000);
    expect(r.probes).toHaveLength(count);
    expect(r.transport.opened).toBe(1);
  });

  it('a probe that neither opens nor fails within 5 s counts as failed', () => {
    const r = rig();
    r.recovery.check();
    jest.advanceTimersByTime(250);
    expect(r.probes).toHaveLength(1);
    jest.advanceTimersByTime(4_999);
    expect(r.probes[0]?.closedWith).toBeNull();
    jest.advanceTimersByTime(1);
    expect(r.probes[0]?.closedWith).toBeUndefined();
    jest.advanceTimersByTime(500);
    expect(r.probes).toHaveLength(2);
  });

  it('leaves the transport alone when it is closed for good (destroyed) or already open', () => {
    for (const state of ['closed', 'open']) {
      const r = rig();
      r.transport.state = state;
      r.recovery.check();
      jest.advanceTimersByTime(250);
      r.probes[0]?.onopen?.({});
      expect(r.transport.opened).toBe(0);
    }
  });

  it('does nothing while unregistered on purpose, with the socket up, or without a transport to restart', () => {
    const unwanted = rig();
    unwanted.registration.wanted = false;
    const up = rig();
    up.sdk.edge = 'roaming';
    const noTransport = rig({ transport: false });
    const noUrls = rig({ urls: [] });
    for (const r of [unwanted, up, noTransport, noUrls]) r.recovery.check();
    jest.advanceTimersByTime(60_000);
    expect([unwanted, up, noTransport, noUrls].map((r) => r.probes.length)).toEqual([0, 0, 0, 0]);
  });

  it('stop() cancels the next probe and closes one in flight', () => {
    const r = rig();
    r.recovery.check();
    jest.advanceTimersByTime(250);
    r.recovery.stop();
    expect(r.probes[0]?.closedWith).toBeUndefined();
    r.recovery.check();
    jest.advanceTimersByTime(60_000);
    expect(r.probes).toHaveLength(1);
  });

  it('alternates between several signalling URLs', () => {
    const r = rig({ urls: ['wss://a/signal', 'wss://b/signal'] });
    r.recovery.check();
    failProbesFor(r, 2_000);
    expect(r.probes.map((p) => p.url).slice(0, 3)).toEqual(['wss://a/signal', 'wss://b/signal', 'wss://a/signal']);
  });
});

describe('signalling URLs and the SDK transport', () => {
  it('builds wss://<host>/signal as the SDK does', () => {
    expect(signallingUrls('localhost:9000')).toEqual(['wss://localhost:9000/signal']);
    expect(signallingUrls(['a:1', 'b:2'])).toEqual(['wss://a:1/signal', 'wss://b:2/signal']);
    expect(signallingUrls(undefined)).toEqual(['wss://voice-js.roaming.twilio.com/signal']);
    expect(signallingUrls(undefined, ['ashburn', 'dublin'])).toEqual([
      'wss://voice-js.ashburn.twilio.com/signal',
      'wss://voice-js.dublin.twilio.com/signal',
    ]);
  });

  it('finds the transport only when it has the expected shape', () => {
    const transport = { state: 'connecting', open: () => undefined };
    expect(sdkSignallingTransport({ _stream: { transport } } as unknown as DeviceLike)).toBe(transport);
    expect(sdkSignallingTransport({ _stream: null } as unknown as DeviceLike)).toBeNull();
    expect(sdkSignallingTransport({ _stream: { transport: { open: 1 } } } as unknown as DeviceLike)).toBeNull();
    expect(sdkSignallingTransport({} as unknown as DeviceLike)).toBeNull();
  });
});
