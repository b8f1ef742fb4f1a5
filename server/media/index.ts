export {
  ServerPeer,
  openServerPeerCount,
  openServerPeers,
  type ServerPeerOptions,
  type ReceivedAudio,
  type OutgoingAudio,
  type NegotiatedCodec,
} from './serverPeer.js';
export { Impairment, type ImpairmentOptions, type ImpairmentStats } from './impairment.js';
export { startEcho } from './echo.js';
export { PcmuPlayer } from './player.js';
export { encodeMulaw, decodeMulaw, linearToMulaw, mulawToLinear } from './g711.js';
export {
  renderTones,
  dtmfSequence,
  dtmfFrequencies,
  rms,
  SAMPLE_RATE,
  FRAME_SAMPLES,
  type ToneSegment,
} from './tones.js';
export {
  DigitDetector,
  parseTelephoneEvent,
  serializeTelephoneEvent,
  keyOfEvent,
  eventOfKey,
  type TelephoneEvent,
} from './telephoneEvent.js';
export type { CodecPreference } from './codecs.js';
