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
        if (frame.payload.reconnect) this.grace.resume(session, frame.payload.callsid, frame.payload.reconnect);
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
        // ICE restart needs the far end to re-answer; Devices cannot be asked to, so the restart is left to time out.
        this.log(`gateway: ignoring reinvite for ${frame.payload.callsid}`);
        return;
    }
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
