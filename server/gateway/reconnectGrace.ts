import { TwilioCode, signalingError } from './errors.js';
import type { SignalingSession } from './session.js';
import type { CallRegistry } from './callRegistry.js';
import type { CallEnding } from './callEnding.js';
import type { SessionClosedListener } from './signallingServer.js';
import { iceUfragOf } from './sdpFacts.js';
import type { SessionDirectory } from './sessionDirectory.js';
import { sidSeenBy, type ClientLeg } from './callRecords.js';
import { RingingPickup } from './ringingPickup.js';

/** How long a caller whose call ended while it was away is looked for, to be told (then it is given up). */
const NOTICE_WINDOW_MS = 120_000;
const NOTICE_POLL_MS = 250;

/**
 * What happens to calls when their signaling socket drops: answered legs wait `reconnectGraceMs` for the SDK to
 * resume them on a new socket (its media session never stopped, only the socket moved); a ringing callee drops
 * out of the ring group. A caller whose call still rings keeps it for the grace too; then the callees get
 * `cancel`, and the caller, once back, `hangup` with Twilio's error (the SDK closed its unanswered call silently
 * when the socket dropped, it holds no reconnect token yet) plus `cancel`, which is what releases the SDK's
 * active call: without it the phone rang on forever and every new dial was `busy`.
 */
export class ReconnectGrace implements SessionClosedListener {
  private readonly noticeTimers = new Set<NodeJS.Timeout>();
  private readonly pickup: RingingPickup;

  constructor(
    private readonly registry: CallRegistry,
    private readonly ending: CallEnding,
    private readonly reconnectGraceMs: number,
    private readonly directory: SessionDirectory,
  ) {
    ending.callerAway = (caller) => this.tellCallerWhenBack(caller.identity, sidSeenBy(caller));
    this.pickup = new RingingPickup(ending);
  }

  sessionClosed(session: SignalingSession): void {
    for (const leg of this.registry.legsOf(session)) {
      leg.session = null;
      const call = leg.call;
      if (call.status === 'completed') continue;
      if (leg.state === 'ringing') {
        // An unanswered callee cannot be resumed by the SDK: it drops out of the group.
        if (leg.role === 'caller') this.awaitCaller(leg);
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

  /** Stops looking for callers to tell (gateway shutdown). */
  close(): void {
    for (const timer of this.noticeTimers) clearTimeout(timer);
    this.noticeTimers.clear();
  }

  /** The caller of a ringing call dropped: the callees ring on for the grace, then the call ends. */
  private awaitCaller(leg: ClientLeg): void {
    leg.graceTimer = setTimeout(() => {
      leg.graceTimer = null;
      if (leg.call.status === 'completed') return;
      this.ending.endCall(leg.call, leg);
      this.ending.callerAway(leg);
    }, this.reconnectGraceMs);
  }

  /** Every authorized socket of the caller's identity gets the ending; sockets of other tabs ignore the callsid. */
  private tellCallerWhenBack(identity: string, callsid: string, waitedMs = 0): void {
    const sessions = this.directory.connectedAs(identity).filter((s) => s.isAuthorized && s.isOpen);
    if (sessions.length > 0) {
      const error = signalingError(TwilioCode.ConnectionError, 'The call ended while the connection was lost');
      for (const session of sessions) {
        session.send('hangup', { callsid, error });
        session.send('cancel', { callsid });
      }
      return;
    }
    if (waitedMs >= NOTICE_WINDOW_MS) return;
    const timer = setTimeout(() => {
      this.noticeTimers.delete(timer);
      this.tellCallerWhenBack(identity, callsid, waitedMs + NOTICE_POLL_MS);
    }, NOTICE_POLL_MS);
    timer.unref();
    this.noticeTimers.add(timer);
  }

  /** A Device resuming a call after a signaling reconnect (an `invite` carrying the leg's reconnect token). */
  resume(session: SignalingSession, callsid: string, token: string, offerSdp: string): void {
    const leg = this.registry.legById(callsid);
    if (!leg || leg.call.status === 'completed' || leg.reconnectToken !== token || leg.identity !== session.identity) {
      this.refuse(session, callsid);
      return;
    }
    // A callee that still rings is answered by the connecting Device (call forwarding with a connectToken).
    if (leg.role === 'callee' && leg.state === 'ringing') {
      if (!this.pickup.pickUp(session, leg, offerSdp)) this.refuse(session, callsid);
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
