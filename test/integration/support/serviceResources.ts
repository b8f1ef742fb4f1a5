// Test instrumentation (not an SDK patch): remembers every WebSocket and every media track the page creates, so a
// test can prove that VoiceService.destroy() leaves no signaling socket open and no microphone track live.
// Peer connections are tracked by trackPeerConnections.ts. Imported before anything that may capture
// the globals (the SDK reads `globalThis.WebSocket` once, when its module is evaluated).
import { peerConnections } from './trackPeerConnections';

export const webSockets: WebSocket[] = [];
export const mediaTracks: MediaStreamTrack[] = [];

const NativeWebSocket = window.WebSocket;
class TrackedWebSocket extends NativeWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    webSockets.push(this);
  }
}
window.WebSocket = TrackedWebSocket;

const nativeGetUserMedia = MediaDevices.prototype.getUserMedia;
MediaDevices.prototype.getUserMedia = async function trackedGetUserMedia(
  this: MediaDevices,
  constraints?: MediaStreamConstraints,
) {
  const stream = await nativeGetUserMedia.call(this, constraints);
  mediaTracks.push(...stream.getTracks());
  return stream;
};

const nativeClone = MediaStreamTrack.prototype.clone;
MediaStreamTrack.prototype.clone = function trackedClone(this: MediaStreamTrack) {
  const copy = nativeClone.call(this);
  mediaTracks.push(copy);
  return copy;
};

export interface ResourceCount {
  /** Peer connections not yet closed (`close()` sets signalingState to 'closed'). */
  peerConnections: number;
  /** Microphone tracks (and their clones) still live. */
  liveTracks: number;
  /** WebSockets connecting, open or closing. */
  openSockets: number;
  /** How many of each the page ever created (shows the counters saw something). */
  created: { peerConnections: number; tracks: number; sockets: number };
}

export function countResources(): ResourceCount {
  return {
    peerConnections: peerConnections.filter((pc) => pc.signalingState !== 'closed').length,
    liveTracks: mediaTracks.filter((track) => track.readyState === 'live').length,
    openSockets: webSockets.filter((socket) => socket.readyState !== WebSocket.CLOSED).length,
    created: { peerConnections: peerConnections.length, tracks: mediaTracks.length, sockets: webSockets.length },
  };
}

/** Sum of inbound audio packets over the peer connections still open. */
export async function inboundAudioPackets(): Promise<number> {
  let total = 0;
  for (const pc of peerConnections) {
    if (pc.connectionState === 'closed') continue;
    const stats = await pc.getStats();
    stats.forEach((report: { type: string; kind?: string; packetsReceived?: number }) => {
      if (report.type === 'inbound-rtp' && report.kind === 'audio') total += report.packetsReceived ?? 0;
    });
  }
  return total;
}

/** Digits queued for in-band (RFC 4733) sending on the open peer connections' audio senders. */
export function queuedDtmf(): string {
  return peerConnections
    .filter((pc) => pc.connectionState !== 'closed')
    .flatMap((pc) => pc.getSenders())
    .map((sender) => sender.dtmf?.toneBuffer ?? '')
    .join('');
}
