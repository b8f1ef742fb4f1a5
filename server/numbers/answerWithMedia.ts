import type { NumberCallControl } from '../gateway/numberPlan.js';
import { ServerPeer, type ServerPeerOptions } from '../media/serverPeer.js';
import { TwilioCode, signalingError } from '../gateway/errors.js';

export interface NegotiatedMedia {
  peer: ServerPeer;
  answerSdp: string;
}

/**
 * Creates the server peer for `call`'s offer. Resolves with the peer and its answer, or null when the call ended
 * meanwhile (the peer is closed) or the offer could not be answered (the call is failed).
 */
export async function negotiateMedia(
  call: NumberCallControl,
  options: ServerPeerOptions,
  isEnded: () => boolean,
): Promise<NegotiatedMedia | null> {
  let negotiated: NegotiatedMedia;
  try {
    negotiated = await ServerPeer.answer(call.offerSdp, options);
  } catch (error) {
    if (!isEnded()) {
      const reason = error instanceof Error ? error.message : String(error);
      call.hangup(signalingError(TwilioCode.ConnectionError, `The number could not negotiate media: ${reason}`));
    }
    return null;
  }
  if (isEnded()) {
    await negotiated.peer.close();
    return null;
  }
  return negotiated;
}

/** negotiateMedia, then answers the call with the peer's SDP. */
export async function answerWithMedia(
  call: NumberCallControl,
  options: ServerPeerOptions,
  isEnded: () => boolean,
): Promise<ServerPeer | null> {
  const negotiated = await negotiateMedia(call, options, isEnded);
  if (!negotiated) return null;
  call.answer(negotiated.answerSdp);
  return negotiated.peer;
}
