// Page instrumentation (not an SDK patch): timestamps every signaling frame the page sends or receives, by
// type, on the wall clock with sub-millisecond precision (performance.timeOrigin + now), so two pages' logs
// line up. Imported before the SDK so the SDK's sockets are tracked WebSockets.

export interface FrameStamp {
  direction: 'out' | 'in';
  type: string;
  /** Epoch ms. */
  at: number;
}

export const frames: FrameStamp[] = [];
const waiters: Array<{ direction: FrameStamp['direction']; type: string; resolve: (stamp: FrameStamp) => void }> = [];

export const wallNow = (): number => performance.timeOrigin + performance.now();

function typeOf(data: unknown): string | null {
  if (typeof data !== 'string' || !data.startsWith('{')) return null;
  const match = /"type"\s*:\s*"([a-z]+)"/.exec(data);
  return match ? (match[1] as string) : null;
}

function record(direction: FrameStamp['direction'], data: unknown): void {
  const type = typeOf(data);
  if (!type) return;
  const stamp = { direction, type, at: wallNow() };
  frames.push(stamp);
  for (let i = waiters.length - 1; i >= 0; i -= 1) {
    const waiter = waiters[i];
    if (waiter && waiter.direction === direction && waiter.type === type) {
      waiters.splice(i, 1);
      waiter.resolve(stamp);
    }
  }
}

/** Resolves with the next frame of `type` in `direction`. */
export function nextFrame(direction: FrameStamp['direction'], type: string): Promise<FrameStamp> {
  return new Promise((resolve) => waiters.push({ direction, type, resolve }));
}

const NativeWebSocket = window.WebSocket;
class LoggedWebSocket extends NativeWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    // Added first, so the stamp precedes the SDK's own handling of the frame.
    this.addEventListener('message', (event: MessageEvent) => record('in', event.data));
  }
  override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    record('out', data);
    super.send(data);
  }
}
window.WebSocket = LoggedWebSocket;

// WebRTC and media steps between a dial and its invite, stamped the same way (entry and settle of each call).
export interface StepStamp {
  step: string;
  phase: 'start' | 'end';
  at: number;
}
export const steps: StepStamp[] = [];

function stampAsync<T extends object>(proto: T, name: keyof T & string, step: string): void {
  const native = proto[name] as unknown as (...args: unknown[]) => Promise<unknown>;
  (proto as Record<string, unknown>)[name] = function stamped(this: unknown, ...args: unknown[]) {
    steps.push({ step, phase: 'start', at: wallNow() });
    const result = native.apply(this, args);
    void Promise.resolve(result).then(
      () => steps.push({ step, phase: 'end', at: wallNow() }),
      () => steps.push({ step, phase: 'end', at: wallNow() }),
    );
    return result;
  };
}
stampAsync(MediaDevices.prototype, 'getUserMedia', 'getUserMedia');
stampAsync(RTCPeerConnection.prototype, 'createOffer', 'createOffer');
stampAsync(RTCPeerConnection.prototype, 'setLocalDescription', 'setLocalDescription');
stampAsync(RTCPeerConnection.prototype, 'setRemoteDescription', 'setRemoteDescription');
stampAsync(RTCPeerConnection.prototype, 'createAnswer', 'createAnswer');

/** Synchronous steps: one stamp at entry ('start') and one on return ('end'). */
function stampSync<T extends object>(proto: T, name: keyof T & string, step: string): void {
  const native = proto[name] as unknown as (...args: unknown[]) => unknown;
  (proto as Record<string, unknown>)[name] = function stamped(this: unknown, ...args: unknown[]) {
    steps.push({ step, phase: 'start', at: wallNow() });
    try {
      return native.apply(this, args);
    } finally {
      steps.push({ step, phase: 'end', at: wallNow() });
    }
  };
}
stampSync(RTCPeerConnection.prototype, 'addTrack', 'addTrack');
stampSync(MediaStreamTrack.prototype, 'clone', 'track clone');

// The constructor too: a subclass keeps `instanceof` and the prototype methods stamped above.
const NativePeerConnection = window.RTCPeerConnection;
class StampedPeerConnection extends NativePeerConnection {
  constructor(configuration?: RTCConfiguration) {
    steps.push({ step: 'new RTCPeerConnection', phase: 'start', at: wallNow() });
    super(configuration);
    steps.push({ step: 'new RTCPeerConnection', phase: 'end', at: wallNow() });
  }
}
window.RTCPeerConnection = StampedPeerConnection;
// The SDK posts Insights events with fetch (to the gateway's eventgw here), some of them on the dial path.
stampSync(window as unknown as { fetch: typeof fetch }, 'fetch', 'fetch call');
