import { TwilioCode, signalingError } from './errors.js';
import { MAX_MESSAGE_CONTENT_BYTES } from './frames.js';
import type { CallMessage } from './numberPlan.js';
import type { SignalingSession } from './session.js';
import type { CallRegistry } from './callRegistry.js';
import { farLegOf, type ClientLeg } from './callRecords.js';

const USER_DEFINED_MESSAGE = 'user-defined-message';

/** Call messages a call keeps for the server application (the control API reads them), oldest dropped first. */
const MAX_KEPT_MESSAGES = 100;

/**
 * What a Device sends during a call: `dtmf` goes to the far end (a Device, number or server peer); call messages go
 * to the server application only, as on Twilio (the call's message log, a number handler or server peer), never to
 * another Device.
 */
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
    if (payload.messagetype !== USER_DEFINED_MESSAGE) {
      session.sendError(
        signalingError(
          TwilioCode.CallMessageEventTypeInvalid,
          `Call message type "${payload.messagetype}" is not supported; use "${USER_DEFINED_MESSAGE}"`,
        ),
        { callsid, voiceeventsid },
      );
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
    const call = leg.call;
    call.messages.push({
      ...message,
      fromLegSid: leg.sid,
      identity: leg.identity,
      voiceEventSid: voiceeventsid,
      at: Date.now(),
    });
    if (call.messages.length > MAX_KEPT_MESSAGES) call.messages.shift();
    if (leg.role === 'caller') call.numberHandler?.onMessage?.(message);
    else call.serverPeer?.onMessage?.(message);
  }
}
