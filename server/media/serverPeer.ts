import { RTCPeerConnection, type RTCRtpTransceiver } from 'werift';
import { audioCodecs, isTelephoneEvent, type CodecPreference } from './codecs.js';
import { DigitDetector } from './telephoneEvent.js';
import { sendTelephoneDigit } from './digitSender.js';
import { cutOffNetwork } from './networkOutage.js';
import { answerAsDtlsServer, prepareDtls, withoutStunQuery } from './dtlsTuning.js';
import { OutgoingStream } from './outgoingStream.js';
import { LeanRtp, type InboundRtp } from './leanRtp.js';
import {
  PeerDiversion,
  type AudioPort,
  type NegotiatedCodec,
  type OutgoingAudio,
  type ReceivedAudio,
} from './audioPort.js';

export type { NegotiatedCodec, OutgoingAudio, ReceivedAudio } from './audioPort.js';

export interface ServerPeerOptions {
  prefer?: CodecPreference;
  /** Offer this audio codec only (a bridge leg offers the codec its other leg negotiated, so RTP is forwarded as is). */
  only?: CodecPreference;
  /**
   * Host addresses to offer as ICE candidates besides the machine's interfaces. Loopback is always added: the
   * Device runs on the same machine in development and tests, and no STUN server is reachable.
   */
  extraHostAddresses?: readonly string[];
}

type Listener<T> = (value: T) => void;

const openPeers = new Set<ServerPeer>();

/** How many server peers exist and are not closed (tests check that calls release their media). */
export function openServerPeerCount(): number {
  return openPeers.size;
}

/** The server peers that are not closed, oldest first (tests pick a call's leg to cut off the network). */
export function openServerPeers(): readonly ServerPeer[] {
  return [...openPeers];
}

/**
 * The server's end of one call's WebRTC audio: a werift peer connection with host candidates only (no STUN), gathered
 * inside setLocalDescription, so its SDP is complete at once. Full ICE, not ICE lite: werift 0.25's lite mode never
 * reaches DTLS with Chromium. The Device's offer has no candidates; werift learns its address from its checks.
 */
export class ServerPeer implements AudioPort {
  private readonly pc: RTCPeerConnection;
  private readonly audioListeners = new Set<Listener<ReceivedAudio>>();
  private readonly digitListeners = new Set<Listener<string>>();
  private readonly connectedWaiters = new Set<(connected: boolean) => void>();
  private readonly detector = new DigitDetector();
  private closed = false;
  private mediaUp = false;
  private readonly outgoing = new OutgoingStream();
  private digitsSent = 0;
  private diversion: PeerDiversion | null = null;
  private readonly lean: LeanRtp;

  private constructor(
    options: ServerPeerOptions,
    readonly role: 'offerer' | 'answerer',
  ) {
    this.pc = new RTCPeerConnection({
      codecs: { audio: audioCodecs(options.prefer ?? 'opus', options.only) },
      headerExtensions: { audio: [] },
      iceServers: [],
      iceUseIpv6: false,
      iceUseTcp: false,
      iceAdditionalHostAddresses: ['127.0.0.1', ...(options.extraHostAddresses ?? [])],
    });
    openPeers.add(this);
    this.lean = new LeanRtp(this.pc, (header, payload) => this.receive(header, payload));
    // An answerer uses the transceiver werift creates for the offer's audio m-line (see `answer`).
    if (role === 'offerer') this.pc.addTransceiver('audio', { direction: 'sendrecv' });
    this.pc.connectionStateChange.subscribe((state) => {
      // DTLS survives an ICE restart: once connected, media may be sent until the connection fails or closes.
      if (state === 'connected') this.mediaUp = true;
      if (state === 'failed' || state === 'closed') this.mediaUp = false;
      if (state === 'connected' || state === 'failed' || state === 'closed') {
        for (const wake of [...this.connectedWaiters]) wake(state === 'connected');
      }
    });
  }

  /** Answers a remote offer (a Device calling a number). */
  static async answer(
    offerSdp: string,
    options: ServerPeerOptions = {},
  ): Promise<{ peer: ServerPeer; answerSdp: string }> {
    const peer = new ServerPeer(options, 'answerer');
    try {
      await peer.pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
      const audio = peer.audioTransceiver();
      if (!audio) throw new Error('The offer has no audio m-line');
      audio.setDirection('sendrecv');
      answerAsDtlsServer(audio, peer.pc);
      await peer.pc.setLocalDescription(await peer.pc.createAnswer());
      prepareDtls(peer.pc, 'answerer');
      return { peer, answerSdp: peer.localSdp() };
    } catch (error) {
      await peer.close();
      throw error;
    }
  }

  /** Creates an offer (the server calls a Device); complete it with `acceptAnswer`. */
  static async offer(options: ServerPeerOptions = {}): Promise<{ peer: ServerPeer; offerSdp: string }> {
    const peer = new ServerPeer(options, 'offerer');
    try {
      withoutStunQuery(peer.pc);
      await peer.pc.setLocalDescription(await peer.pc.createOffer());
      prepareDtls(peer.pc, 'offerer');
      return { peer, offerSdp: peer.localSdp() };
    } catch (error) {
      await peer.close();
      throw error;
    }
  }

  async acceptAnswer(answerSdp: string): Promise<void> {
    if (this.closed) return;
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answerSdp });
  }

  /** A new offer on the same connection, the SDK's ICE restart (`reinvite`): new ICE, DTLS and RTP carry on. */
  async answerAgain(offerSdp: string): Promise<string> {
    if (this.closed) throw new Error('The server peer is closed');
    const restartsBefore = this.pc.iceTransports.map((ice) => ice.iceRestarts);
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
    withoutStunQuery(this.pc); // a restarted ICE agent gathers again
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    this.resumeRestartedIce(restartsBefore);
    return this.localSdp();
  }

  /** The SDP this peer last handed out (its offer or answer). */
  get localDescription(): string {
    return this.localSdp();
  }

  /** The mime type of a received payload type (`audio/opus`, `audio/PCMU`), if negotiated. */
  codecOf(payloadType: number): string | undefined {
    return this.audioTransceiver()?.codecs.find((c) => c.payloadType === payloadType)?.mimeType;
  }

  /** Packets (SRTP and SRTCP) this peer's DTLS transport sent and received so far. */
  get packetCounts(): { sent: number; received: number } {
    return this.lean.packetCounts();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get connectionState(): string {
    return this.pc.connectionState;
  }

  /** The codec this peer sends with (the first one negotiated), once negotiation finished. */
  get sendCodec(): NegotiatedCodec | null {
    const codec = this.audioTransceiver()?.sender.codec;
    return codec ? { mimeType: codec.mimeType, clockRate: codec.clockRate, payloadType: codec.payloadType } : null;
  }

  /** Resolves when media can flow (ICE and DTLS connected); false if the connection fails or closes first. */
  connected(): Promise<boolean> {
    if (this.pc.connectionState === 'connected') return Promise.resolve(true);
    if (this.closed || this.pc.connectionState === 'failed') return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = (connected: boolean): void => {
        this.connectedWaiters.delete(wake);
        resolve(connected && !this.closed);
      };
      this.connectedWaiters.add(wake);
    });
  }

  onAudio(listener: Listener<ReceivedAudio>): () => void {
    this.audioListeners.add(listener);
    return () => this.audioListeners.delete(listener);
  }

  /** RFC 4733 key presses, each once. */
  onDigit(listener: Listener<string>): () => void {
    this.digitListeners.add(listener);
    return () => this.digitListeners.delete(listener);
  }

  /**
   * Sends one frame with the negotiated codec (dropped before media connects or after close). When `source` (a player,
   * an echo, a bridged leg) changes, sequence numbers and timestamps are re-based into one continuous stream.
   */
  send(frame: OutgoingAudio, source = 'default'): void {
    if (this.diversion) this.diversion.fromApp(frame);
    else this.sendOnWire(frame, source);
  }

  /**
   * Splits the peer (call control takes a number's call over): the code that holds it (the number) sends and
   * receives through the returned `app` face from now on, the Device's media through `wire`. Idempotent.
   */
  divert(): PeerDiversion {
    this.diversion ??= new PeerDiversion({
      codec: () => this.sendCodec,
      codecOf: (payloadType) => this.codecOf(payloadType),
      toWire: (frame, source) => this.sendOnWire(frame, source),
      digitToWire: (key) => this.sendDigitOnWire(key),
      toApp: (packet) => this.audioListeners.forEach((listener) => listener(packet)),
      digitToApp: (key) => this.digitListeners.forEach((listener) => listener(key)),
    });
    return this.diversion;
  }

  private sendOnWire(frame: OutgoingAudio, source: string): void {
    if (this.closed || !this.mediaUp) return;
    const { sequenceNumber, timestamp } = this.outgoing.map(frame, source, this.sendCodec?.clockRate ?? 8000);
    this.lean.send(sequenceNumber, timestamp, frame.marker || this.outgoing.justRebased, frame.payload);
  }

  /** Drops every packet this peer's sockets send or receive (a network outage on this leg) until restored. */
  cutOffNetwork(): () => void {
    return cutOffNetwork(this.pc);
  }

  /**
   * Sends one key press as RFC 4733 telephone-events (three updates, three end packets, one timestamp) with the
   * event codec of the send clock, e.g. a bridge passing a Device's keypad on to the number it called.
   */
  sendDigit(key: string): void {
    if (this.diversion) this.diversion.fromAppDigit(key);
    else this.sendDigitOnWire(key);
  }

  private sendDigitOnWire(key: string): void {
    const transceiver = this.audioTransceiver();
    if (this.closed || !this.mediaUp || !transceiver) return;
    sendTelephoneDigit(transceiver, this.outgoing, `digit-${++this.digitsSent}`, key);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    openPeers.delete(this);
    this.audioListeners.clear();
    this.digitListeners.clear();
    this.diversion?.close();
    this.lean.detach();
    for (const wake of [...this.connectedWaiters]) wake(false);
    await this.pc.close();
  }

  /**
   * werift's answerer skips ICE after an ICE restart whose DTLS is still up (its connect step returns as soon as DTLS
   * is connected), so it only answers the browser's checks: nothing nominates a pair on this side and nothing starts
   * consent freshness, and every packet it sends is dropped (server → browser silent after `reconnected`). Run the
   * restarted ICE agent here: it takes the browser's nomination, selects the new pair and resumes sending.
   */
  private resumeRestartedIce(restartsBefore: readonly number[]): void {
    this.pc.iceTransports.forEach((ice, index) => {
      const restarted = ice.iceRestarts > (restartsBefore[index] ?? ice.iceRestarts);
      if (!restarted || ice.state === 'checking' || ice.state === 'connected' || ice.state === 'closed') return;
      ice.start().catch(() => undefined);
    });
  }

  private audioTransceiver(): RTCRtpTransceiver | undefined {
    return this.lean.audioTransceiver();
  }

  private localSdp(): string {
    const sdp = this.pc.localDescription?.sdp;
    if (!sdp) throw new Error('werift produced no local description');
    return sdp;
  }

  private receive(header: InboundRtp, payload: Buffer): void {
    if (this.closed) return;
    const codec = this.audioTransceiver()?.codecs.find((c) => c.payloadType === header.payloadType);
    if (codec && isTelephoneEvent(codec.mimeType)) {
      const key = this.detector.push(header.timestamp, payload);
      if (key && this.diversion) this.diversion.fromWireDigit(key);
      else if (key) for (const listener of this.digitListeners) listener(key);
      return;
    }
    const packet: ReceivedAudio = {
      payloadType: header.payloadType,
      sequenceNumber: header.sequenceNumber,
      timestamp: header.timestamp,
      marker: header.marker,
      payload,
    };
    if (this.diversion) this.diversion.fromWire(packet);
    else for (const listener of this.audioListeners) listener(packet);
  }
}
