import twilio from 'twilio';
import type { DialDecision } from '../security/dialPolicy.js';

const REFUSAL_MESSAGE = 'This call cannot be placed from this service. Goodbye.';

/**
 * TwiML for a dial decision: <Dial><Client>, <Dial callerId><Number> with the configured caller id, or a spoken
 * refusal and <Hangup> (the caller hears why instead of a silent failure). Every <Dial> has answerOnBridge: the
 * caller's `accept` fires when the callee answers (ringback meanwhile), as on the local gateway.
 * With `afterDialUrl` (Twilio mode), a `<Redirect>` follows the `<Dial>`: when call control moves the other leg into a
 * conference the `<Dial>` ends, and that URL decides whether this leg follows it there or hangs up.
 */
export function voiceTwiml(decision: DialDecision, callerId: string | undefined, afterDialUrl?: string): string {
  const response = new twilio.twiml.VoiceResponse();
  switch (decision.kind) {
    case 'client':
      response.dial({ answerOnBridge: true }).client(decision.identity);
      break;
    case 'number':
      response.dial({ answerOnBridge: true, ...(callerId ? { callerId } : {}) }).number(decision.number);
      break;
    case 'refused':
      response.say(decision.reason === 'invalid_target' ? 'The number you dialled is not valid.' : REFUSAL_MESSAGE);
      response.hangup();
      return response.toString();
  }
  if (afterDialUrl) response.redirect({ method: 'POST' }, afterDialUrl);
  return response.toString();
}
