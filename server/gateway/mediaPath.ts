/**
 * The seam between call routing and how two Devices' browsers reach each other. Routing relays SDP between
 * Devices and asks the media path to prepare each offer and answer before it is relayed; how that is done
 * (today: adding ICE candidates harvested from the SDK's insights, see candidate-media-path.ts) stays behind it.
 */
export interface MediaPath {
  /** Starts preparing the media of one Device-to-Device call. */
  forCall(): CallMediaPath;
  /** Releases everything the media path keeps (timers, waiting preparations). */
  close(): void;
}

/** The media preparation of one Device-to-Device call. */
export interface CallMediaPath {
  /** The caller's offer as the ringing Devices get it; `callerLegSid` is the caller leg's CallSid. */
  prepareOffer(callerLegSid: string, offerSdp: string): Promise<string>;
  /** The answering Device's answer as the caller gets it; `answererLegSid` is the answering leg's CallSid. */
  prepareAnswer(answererLegSid: string, answerSdp: string): Promise<string>;
}
