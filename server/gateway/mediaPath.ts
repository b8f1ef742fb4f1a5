import type { ServerPeer } from '../media/serverPeer.js';

/**
 * The seam between call routing and the media of a call between two Devices. Every Device leg ends on a server
 * peer (see bridgeMediaPath.ts): routing hands the caller's offer in and gets the offer the ringing Devices receive,
 * hands the answering Device's answer in and gets the answer the caller receives, and asks for new answers when a
 * Device restarts ICE (`reinvite`) or resumes a call on a new connection (`invite` with a reconnect token).
 */
export interface MediaPath {
  /** Starts the media of one Device-to-Device call. */
  forCall(): CallMediaPath;
  /** Releases everything the media path keeps. */
  close(): void;
}

/** The media of one Device-to-Device call: a server leg per Device, bridged once the callee answers. */
export interface CallMediaPath {
  /** Answers the caller's offer with the caller's server leg; resolves with the offer the ringing Devices get. */
  prepareOffer(callerLegSid: string, offerSdp: string): Promise<string>;
  /** The caller leg's answer once prepareOffer resolved (sent with `ringing` as early media), else null. */
  readonly callerAnswer: string | null;
  /** Applies the answering Device's answer and bridges the legs; resolves with the answer the caller gets. */
  prepareAnswer(answererLegSid: string, answerSdp: string): Promise<string>;
  /**
   * A new offer from a Device for its leg: `restart` = the same peer connection restarting ICE (`reinvite`), else a
   * new peer connection taking over the leg (a connectToken reconnect). Resolves with the answer.
   */
  renegotiate(legSid: string, offerSdp: string, how: 'restart' | 'replace'): Promise<string>;
  /**
   * A Device takes a ringing callee leg with its own offer (`Device.connect({ connectToken })` while the call rings):
   * a new server leg answers that offer and is bridged to the caller. Resolves with the Device's answer, and with
   * the answer the caller gets once the bridge carries audio.
   */
  pickUp(legSid: string, offerSdp: string): Promise<{ answerSdp: string; callerAnswer: Promise<string> }>;
  /** Stops the bridge and closes the server legs. */
  close(): void;
  /** The server peer of one leg (call control moves legs between conversations). */
  peerOf?(legSid: string): ServerPeer | undefined;
  /**
   * Call control takes over who hears whom: the bridge and ringback stop, and from now on every (re)negotiated leg's
   * server peer is reported to `onPeer` instead of being bridged.
   */
  takeOver?(onPeer: (legSid: string, peer: ServerPeer) => void): void;
  /** Closes one leg's server peer (its party left); the media closes with its last leg. */
  closeLeg?(legSid: string): void;
}
