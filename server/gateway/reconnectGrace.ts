import { TwilioCode, signalingError } from './errors.js';
import type { SignalingSession } from './session.js';
import type { CallRegistry } from './callRegistry.js';
import type { CallEnding } from './callEnding.js';
import type { SessionClosedListener } from './signallingServer.js';
import { iceUfragOf } from './sdpFacts.js';

/**
 * What happens to calls when their signaling socket drops: answered legs wait `reconnectGraceMs` for the SDK to
 * resume them on a new socket (its media session never stopped, only the socket moved); ringing legs end.
 */
export class ReconnectGrace implements SessionClosedListener {
  constructor(
    private readonly registry: CallRegistry,
    private readonly ending: CallEnding,
    private readonly reconnectGraceMs: number,
  ) {}

  sessionClosed(session: SignalingSession): void {
    for (const leg of this.registry.legsOf(session)) {
      leg.session = null;
      const call = leg.call;
      if (call.status === 'completed') continue;
      if (leg.state === 'ringing') {
        // Unanswered legs cannot be resumed by the SDK: a caller gives up, a ringing Device drops out of the group.
        if (leg.role === 'caller') this.ending.endCall(call, leg);
        else
          this.ending.removeFromRingGroup(
            leg,
            signalingError(TwilioCode.TemporarilyUnavailable, `${call.to} is not available`),
          );
        continue;
      }
      // The Device's `listen.reconnectTimeout` (maxCallSignalingTimeoutMs) says how long it will try to come back.
      const graceMs = session.reconnectTimeoutMs > 0 ? session.reconnectTimeoutMs : this.reconnectGraceMs;
      leg.graceTimer = setTimeout(() => {
        leg.graceTimer = null;
        if (leg.session === null && call.status !== 'completed') this.ending.endCall(call, leg);
      }, graceMs);
    }
  }

  /** A Device resuming a call after a signaling reconnect (an `invite` carrying the leg's reconnect token). */
  resume(session: SignalingSession, callsid: string, token: string, offerSdp: string): void {
    const leg = this.registry.legById(callsid);
    if (!leg || leg.call.status === 'completed' || leg.reconnectToken !== token || leg.identity !== session.identity) {
      this.refuse(session, callsid);
      return;
    }
    if (leg.graceTimer) clearTimeout(leg.graceTimer);
    leg.graceTimer = null;
    leg.session = session;
    const ufrag = iceUfragOf(offerSdp);
    const media = leg.call.mediaPath;
    if (!media || leg.state !== 'answered' || ufrag === null || ufrag === leg.deviceUfrag) {
      // The same peer connection on a new socket: its media never stopped, the last answer still holds.
      session.send('answer', { callsid: leg.sid, sdp: leg.remoteSdp, reconnect: leg.reconnectToken });
      return;
    }
    // A new peer connection (connectToken on another page): a new server leg takes over the bridge.
    media.renegotiate(leg.sid, offerSdp, 'replace').then(
      (answerSdp) => {
        leg.deviceUfrag = ufrag;
        leg.remoteSdp = answerSdp;
        leg.session?.send('answer', { callsid: leg.sid, sdp: answerSdp, reconnect: leg.reconnectToken });
      },
      () => this.refuse(session, callsid),
    );
  }

  private refuse(session: SignalingSession, callsid: string): void {
    session.send('hangup', {
      callsid,
      error: signalingError(TwilioCode.ReconnectAttemptError, 'The call cannot be resumed'),
    });
  }
}
