import { makeSid } from './sids.js';
import type { CallMessage } from './numberPlan.js';
import type { ClientLeg } from './callRecords.js';

/** Frames the gateway sends to the Device of one leg. A leg without a socket (reconnecting) gets nothing. */

/** `ringing`, with the caller leg's answer as early media when the server leg is ready (hasEarlyMedia). */
export function sendRinging(caller: ClientLeg, earlyMediaSdp?: string): void {
  if (earlyMediaSdp) caller.remoteSdp = earlyMediaSdp;
  caller.session?.send('ringing', { callsid: caller.sid, ...(earlyMediaSdp ? { sdp: earlyMediaSdp } : {}) });
  caller.sidKnown = true;
}

/** Relays the far end's answer; it is kept so a signaling reconnect can replay it. */
export function sendAnswer(caller: ClientLeg, answerSdp: string): void {
  caller.remoteSdp = answerSdp;
  caller.session?.send('answer', { callsid: caller.sid, sdp: answerSdp, reconnect: caller.reconnectToken });
  caller.sidKnown = true;
}

/** Sends a call message; returns the voiceEventSid it carries. */
export function deliverMessage(leg: ClientLeg, message: CallMessage): string {
  const voiceeventsid = makeSid('KX');
  leg.session?.send('message', {
    callsid: leg.sid,
    content: message.content,
    contenttype: message.contentType,
    messagetype: message.messageType,
    voiceeventsid,
  });
  return voiceeventsid;
}

/** A call message from the control API or a number handler, with Twilio's defaults for the omitted fields. */
export function callMessageOf(message: { content: unknown; messageType?: string; contentType?: string }): CallMessage {
  return {
    content: message.content,
    messageType: message.messageType ?? 'user-defined-message',
    contentType: message.contentType ?? 'application/json',
  };
}
