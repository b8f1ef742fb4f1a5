import { ServerPeer, type ServerPeerOptions } from '../media/serverPeer.js';
import { bridgeAudio } from '../media/rtpBridge.js';
import { offeredPreference } from '../media/offerCodecs.js';
import type { CodecPreference } from '../media/codecs.js';
import { Ringback } from '../media/ringback.js';
import type { CallMediaPath, MediaPath } from './mediaPath.js';

/** The codec a server peer negotiated, as the codec preference a bridge leg offers. */
function preferenceOf(peer: ServerPeer): CodecPreference {
  return peer.sendCodec?.mimeType.toLowerCase() === 'audio/pcmu' ? 'pcmu' : 'opus';
}

/**
 * Media anchored on the server, as on Twilio's media servers: the caller's offer is answered at once by a server
 * peer with its own loopback/host candidates (so no Device ever waits for the other's ICE candidates), the ringing
 * Devices get an offer from a second server peer with the caller's codec only, and once one answers, RTP is
 * forwarded between the two peers without transcoding.
 */
export class BridgeMediaPath implements MediaPath {
  private readonly open = new Set<BridgeCallMedia>();

  constructor(private readonly peerOptions: ServerPeerOptions = {}) {}

  forCall(): CallMediaPath {
    const media = new BridgeCallMedia(this.peerOptions, () => this.open.delete(media));
    this.open.add(media);
    return media;
  }

  close(): void {
    for (const media of [...this.open]) media.close();
  }
}

class BridgeCallMedia implements CallMediaPath {
  callerAnswer: string | null = null;
  private readonly legs = new Map<string, ServerPeer>();
  private callerSid = '';
  private calleeSid = '';
  private calleePeer: ServerPeer | null = null;
  private stopBridge: (() => void) | null = null;
  private ringback: Ringback | null = null;
  private closed = false;
  private controller: ((legSid: string, peer: ServerPeer) => void) | null = null;

  constructor(
    private readonly peerOptions: ServerPeerOptions,
    private readonly onClose: () => void,
  ) {}

  async prepareOffer(callerLegSid: string, offerSdp: string): Promise<string> {
    const prefer = offeredPreference(offerSdp) ?? 'opus';
    // Both server legs at once: the callee leg offers the caller's first codec, which its answer negotiates.
    const [caller, offered] = await Promise.allSettled([
      ServerPeer.answer(offerSdp, { ...this.peerOptions, prefer }),
      ServerPeer.offer({ ...this.peerOptions, only: prefer }),
    ]);
    if (caller.status === 'rejected') {
      if (offered.status === 'fulfilled') void offered.value.peer.close();
      throw caller.reason;
    }
    const { peer, answerSdp } = caller.value;
    this.callerSid = callerLegSid;
    this.adopt(callerLegSid, peer);
    let callee = offered.status === 'fulfilled' ? offered.value : null;
    if (!callee || preferenceOf(peer) !== prefer) {
      if (callee) void callee.peer.close();
      callee = await ServerPeer.offer({ ...this.peerOptions, only: preferenceOf(peer) });
    }
    this.calleePeer = callee.peer;
    if (this.closed) void callee.peer.close();
    this.callerAnswer = answerSdp;
    if (!this.closed) this.ringback = new Ringback(peer);
    return callee.offerSdp;
  }

  async prepareAnswer(answererLegSid: string, answerSdp: string): Promise<string> {
    const callee = this.calleePeer;
    if (!callee || !this.callerAnswer) throw new Error('The call has no prepared offer');
    await callee.acceptAnswer(answerSdp);
    this.calleeSid = answererLegSid;
    this.adopt(answererLegSid, callee);
    this.ringback?.stop();
    this.rebridge();
    // answerOnBridge as on Twilio: the caller is answered when the callee answers. The caller's own leg is already
    // up (early media), and the SDK emits `accept` only once that leg's media is open; the callee's leg connects
    // in parallel and the bridge forwards its audio from its first packet.
    return this.callerAnswer;
  }

  async pickUp(legSid: string, offerSdp: string): Promise<{ answerSdp: string; callerAnswer: Promise<string> }> {
    const caller = this.legs.get(this.callerSid);
    const callerAnswer = this.callerAnswer;
    if (!caller || !callerAnswer || this.closed) throw new Error('The call has no prepared caller leg');
    const { peer, answerSdp } = await ServerPeer.answer(offerSdp, { ...this.peerOptions, only: preferenceOf(caller) });
    // The offer prepared for the ringing Devices is not needed any more: the picking Device offered its own.
    void this.calleePeer?.close();
    this.calleePeer = peer;
    this.calleeSid = legSid;
    this.adopt(legSid, peer);
    this.ringback?.stop();
    this.rebridge();
    // answerOnBridge, as in prepareAnswer: the caller is answered as the picking Device answers.
    return { answerSdp, callerAnswer: Promise.resolve(callerAnswer) };
  }

  async renegotiate(legSid: string, offerSdp: string, how: 'restart' | 'replace'): Promise<string> {
    const current = this.legs.get(legSid);
    if (!current || this.closed) throw new Error(`No media for leg ${legSid}`);
    if (how === 'restart') return current.answerAgain(offerSdp);
    const { peer, answerSdp } = await ServerPeer.answer(offerSdp, {
      ...this.peerOptions,
      only: preferenceOf(current),
    });
    this.adopt(legSid, peer);
    void current.close();
    this.rebridge();
    return answerSdp;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.ringback?.stop();
    this.stopBridge?.();
    this.stopBridge = null;
    for (const peer of this.legs.values()) void peer.close();
    if (this.calleePeer) void this.calleePeer.close();
    this.legs.clear();
    this.onClose();
  }

  peerOf(legSid: string): ServerPeer | undefined {
    return this.legs.get(legSid);
  }

  takeOver(onPeer: (legSid: string, peer: ServerPeer) => void): void {
    this.controller = onPeer;
    this.ringback?.stop();
    this.stopBridge?.();
    this.stopBridge = null;
  }

  closeLeg(legSid: string): void {
    const peer = this.legs.get(legSid);
    if (!peer) return;
    this.legs.delete(legSid);
    void peer.close();
    if (this.legs.size === 0) this.close();
  }

  private adopt(legSid: string, peer: ServerPeer): void {
    if (this.closed) {
      void peer.close();
      return;
    }
    this.legs.set(legSid, peer);
  }

  /** (Re)connects the caller's and the callee's current server peers. */
  private rebridge(): void {
    this.stopBridge?.();
    this.stopBridge = null;
    if (this.controller) {
      for (const [legSid, peer] of this.legs) this.controller(legSid, peer);
      return;
    }
    const caller = this.legs.get(this.callerSid);
    const callee = this.legs.get(this.calleeSid);
    if (caller && callee && !this.closed) this.stopBridge = bridgeAudio(caller, callee);
  }
}
