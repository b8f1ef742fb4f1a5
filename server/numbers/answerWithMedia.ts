import type { NumberCallControl } from '../gateway/numberPlan.js';
import { ServerPeer, type ServerPeerOptions } from '../media/serverPeer.js';
import { TwilioCode, signalingError } from '../gateway/errors.js';

/**
 * Creates the server peer for `call`'s offer and answers the call with its SDP. Resolves with the peer, or null when
 * the call ended meanwhile (the peer is closed) or the offer could not be answered (the call is failed).
 */
export async function answerWithMedia(
  call: NumberCallControl,
  options: ServerPeerOptions,
  isEnded: () => boolean,
): Promise<ServerPeer | null> {
  let answered: { peer: ServerPeer; answerSdp: string };
  try {
    answered = await ServerPeer.answer(call.offerSdp, options);
  } catch (error) {
    if (!isEnded()) {
      const reason = error instanceof Error ? error.message : String(error);
      call.hangup(signalingError(TwilioCode.ConnectionError, `The number could not negotiate media: ${reason}`));
    }
    return null;
  }
  if (isEnded()) {
    await answered.peer.close();
    return null;
  }
  call.answer(answered.answerSdp);
  return answered.peer;
}
