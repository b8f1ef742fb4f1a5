import type { TwilioRestClient } from './restClient.js';
import { hangupTwiml, isCallSid, joinRoomTwiml, roomName } from './rooms.js';

/**
 * The TwiML for `POST /voice/dial-ended`, where a `<Dial>` of our Voice webhook continues when it ends. It ends in
 * two ways: the other party hung up or never answered (its leg is over: hang up, as a plain `<Dial>` would), or call
 * control redirected the other (child) leg into the line's room (it is still in progress: follow it there). Twilio
 * tells which: the parent's children that are still `in-progress`. Nothing is remembered between requests.
 */
export async function dialEndedTwiml(
  rest: TwilioRestClient,
  callSid: string | undefined,
  log: (line: string) => void,
): Promise<string> {
  if (!isCallSid(callSid)) return hangupTwiml();
  try {
    const live = await rest.calls.list({ parentCallSid: callSid, status: 'in-progress', limit: 1 });
    if (live.length > 0) return joinRoomTwiml(roomName(callSid), { endConferenceOnExit: true });
  } catch (error) {
    // Without an answer from Twilio the safe end is the plain one: the call ends as if the other side hung up.
    log(`voice: could not look up the legs of ${callSid} after its <Dial> ended: ${String(error)}`);
  }
  return hangupTwiml();
}
