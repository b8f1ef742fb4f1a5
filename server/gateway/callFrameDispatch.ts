import { TwilioCode, signalingError } from './errors.js';
import type { SignalingSession } from './session.js';
import type { CallRegistry } from './callRegistry.js';
import type { CallRouter } from './callRouter.js';
import type { InCallRelay } from './inCallRelay.js';
import type { ReconnectGrace } from './reconnectGrace.js';
import type { ClientLeg } from './callRecords.js';
import type { CallFrame, CallFrameHandler } from './sessionProtocol.js';
import { parseQuery } from './addressing.js';

/** Sends each call frame of an authorized session to the collaborator that handles it, with the leg it names. */
export class CallFrameDispatch implements CallFrameHandler {
  constructor(
    private readonly registry: CallRegistry,
    private readonly router: CallRouter,
    private readonly relay: InCallRelay,
    private readonly grace: ReconnectGrace,
    private readonly log: (line: string) => void,
  ) {}

  handleCallFrame(session: SignalingSession, frame: CallFrame): void {
    switch (frame.type) {
      case 'invite':
        if (frame.payload.reconnect)
          this.grace.resume(session, frame.payload.callsid, frame.payload.reconnect, frame.payload.sdp);
        else
          this.router.invite(
            session,
            frame.payload.callsid,
            frame.payload.sdp,
            parseQuery(frame.payload.twilio?.params),
          );
        return;
      case 'answer':
        this.withLeg(session, frame.payload.callsid, (leg) => this.router.answer(leg, frame.payload.sdp));
        return;
      case 'reject':
        this.ifLeg(session, frame.payload.callsid, (leg) => this.router.reject(leg));
        return;
      case 'hangup':
      case 'cancel': {
        const callsid = frame.payload.callsid;
        if (callsid) this.ifLeg(session, callsid, (leg) => this.router.hangup(leg));
        else for (const leg of this.registry.legsOf(session)) this.router.hangup(leg);
        return;
      }
      case 'dtmf':
        this.withLeg(session, frame.payload.callsid, (leg) => this.relay.relayDtmf(leg, frame.payload.dtmf));
        return;
      case 'message':
        this.relay.relayMessage(session, frame.payload);
        return;
      case 'reinvite':
        this.withLeg(session, frame.payload.callsid, (leg) => this.answerIceRestart(leg, frame.payload.sdp));
        return;
    }
  }

  /** ICE restart: the leg's server peer answers the new offer on the same connection (Twilio answers `reinvite`). */
  private answerIceRestart(leg: ClientLeg, offerSdp: string): void {
    const media = leg.call.mediaPath;
    const answering = media
      ? media.renegotiate(leg.sid, offerSdp, 'restart')
      : leg.role === 'caller' && leg.call.numberHandler?.onReinvite
        ? leg.call.numberHandler.onReinvite(offerSdp)
        : null;
    if (!answering) {
      this.log(`gateway: reinvite for ${leg.sid} has no server leg to answer it`);
      return;
    }
    answering.then(
      (answerSdp) => {
        leg.remoteSdp = answerSdp;
        leg.session?.send('answer', { callsid: leg.sid, sdp: answerSdp, reconnect: leg.reconnectToken });
      },
      (error: unknown) => this.log(`gateway: reinvite for ${leg.sid} failed: ${String(error)}`),
    );
  }

  private withLeg(session: SignalingSession, callsid: string, action: (leg: ClientLeg) => void): void {
    const leg = this.registry.legById(callsid);
    if (!leg || leg.session !== session) {
      session.sendError(signalingError(TwilioCode.NotFound, `No active call ${callsid} on this connection`), {
        callsid,
      });
      return;
    }
    action(leg);
  }

  /** For frames that end a call: a call that already ended needs no answer (both sides may hang up at once). */
  private ifLeg(session: SignalingSession, callsid: string, action: (leg: ClientLeg) => void): void {
    const leg = this.registry.legById(callsid);
    if (leg && leg.session === session) action(leg);
  }
}
