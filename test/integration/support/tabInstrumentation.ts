/**
 * Test instrumentation injected into every tab with `context.addInitScript` (not an SDK patch): remembers the
 * page's RTCPeerConnections so a test can read WebRTC stats, and records every system notification the page
 * shows (wrapping `window.Notification`, whose permission the context granted).
 */
export interface RecordedNotification {
  title: string;
  body: string;
  tag: string;
  at: number;
}

export interface TabProbe {
  peerConnections: RTCPeerConnection[];
  notifications: RecordedNotification[];
}

export function instrumentTab(): void {
  const probe: TabProbe = { peerConnections: [], notifications: [] };
  Object.defineProperty(window, '__tabProbe', { value: probe });
  const NativePeerConnection = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePeerConnection {
    constructor(config?: RTCConfiguration) {
      super(config);
      probe.peerConnections.push(this);
    }
  };
  const NativeNotification = window.Notification;
  if (!NativeNotification) return;
  class RecordingNotification extends NativeNotification {
    constructor(title: string, options?: NotificationOptions) {
      super(title, options);
      probe.notifications.push({ title, body: options?.body ?? '', tag: options?.tag ?? '', at: Date.now() });
    }
  }
  window.Notification = RecordingNotification as typeof Notification;
}
