// Test instrumentation (not an SDK patch): remembers every RTCPeerConnection the page creates so the test can read
// WebRTC stats without reaching into SDK internals. Imported before the SDK so the SDK sees the tracked class.
export const peerConnections: RTCPeerConnection[] = [];

const NativePeerConnection = window.RTCPeerConnection;
class TrackedPeerConnection extends NativePeerConnection {
  constructor(config?: RTCConfiguration) {
    super(config);
    peerConnections.push(this);
  }
}
window.RTCPeerConnection = TrackedPeerConnection;
