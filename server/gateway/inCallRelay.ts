import { TwilioCode, signalingError } from './errors.js';
import { MAX_MESSAGE_CONTENT_BYTES } from './frames.js';
import type { CallMessage } from './numberPlan.js';
import type { SignalingSession } from './session.js';
import type { CallRegistry } from './callRegistry.js';
import { farLegOf, type ClientLeg } from './callRecords.js';
import { deliverMessage } from './legSignals.js';

/** What a Device sends during a call (`dtmf`, call messages) goes to the far end: a Device, number or server peer. */
export class InCallRelay {
  constructor(private readonly registry: CallRegistry) {}

  relayDtmf(leg: ClientLeg, digits: string): void {
    const call = leg.call;
    if (call.status !== 'in-progress') return;
    const far = farLegOf(leg);
    if (far) far.session?.send('dtmf', { callsid: far.sid, dtmf: digits });
    else if (leg.role === 'caller') call.numberHandler?.onDtmf?.(digits);
    else call.serverPeer?.onDtmf?.(digits);
  }

  /** Acknowledges a Device's call message (or refuses it with an error the SDK reports) and relays it. */
  relayMessage(
    session: SignalingSession,
    payload: { callsid: string; content: unknown; contenttype?: string; messagetype: string; voiceeventsid: string },
  ): void {
    const { callsid, voiceeventsid } = payload;
    const leg = this.registry.legById(callsid);
    if (!leg || leg.session !== session || leg.call.status === 'completed') {
      session.sendError(signalingError(TwilioCode.NotFound, `No active call ${callsid}`), { callsid, voiceeventsid });
      return;
    }
    if (leg.state !== 'answered') {
      session.sendError(signalingError(TwilioCode.MalformedRequest, 'Call messages need an answered call'), {
        callsid,
        voiceeventsid,
      });
      return;
    }
    if (Buffer.byteLength(JSON.stringify(payload.content), 'utf8') > MAX_MESSAGE_CONTENT_BYTES) {
      session.sendError(signalingError(TwilioCode.PayloadSizeExceeded, 'Call message content exceeds 10 KB'), {
        callsid,
        voiceeventsid,
      });
      return;
    }
    session.send('ack', { acktype: 'message', callsid, voiceeventsid });
    const message: CallMessage = {
      content: payload.content,
      messageType: payload.messagetype,
      contentType: payload.contenttype ?? 'application/json',
    };
    const far = farLegOf(leg);
    if (far) deliverMessage(far, message);
    else if (leg.role === 'caller') leg.call.numberHandler?.onMessage?.(message);
    else leg.call.serverPeer?.onMessage?.(message);
  }
}
