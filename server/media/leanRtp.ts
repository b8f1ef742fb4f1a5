import { RtpHeader, RtpPacket, type RTCPeerConnection, type RTCRtpTransceiver } from 'werift';
import { addReceivedPacket, type StreamStatisticsInternals } from './receiveStatistics.js';
import { DirectIceSend, type IceConnectionInternals } from './iceSend.js';
import { hookIceReceive } from './iceReceive.js';
import { protectRtcpWithOurCipher, type SrtcpSessionInternals } from './srtcpProtect.js';
import { traceOnce, tracing } from './mediaTrace.js';
import {
  decryptSrtp,
  encryptSrtp,
  OutboundHeader,
  RTP_HEADER_BYTES,
  type InboundRtp,
  type SrtpSessionInternals,
} from './srtpPath.js';

export type { InboundRtp } from './srtpPath.js';

/**
 * The server peer's RTP packet path, short-cut past werift's per-packet JavaScript (issue 18: bridged calls per
 * core). werift handles each packet with several `RtpHeader` objects (parse, clone, re-parse), RTP routing, a clone
 * per listener, header-extension rewriting, a retransmission cache and a bandwidth estimator, none of which an
 * audio leg uses: that cost dominated a bridged call. Here an inbound RTP datagram is decrypted on werift's SRTP
 * context's state (srtpPath.ts: our AES-CM cipher, or werift's for another profile) and handed straight to the peer,
 * and an outbound frame is encrypted with one reused header and written to the nominated pair's socket (iceSend.ts).
 * What werift's RTCP reports are built from is kept up to date as werift does (receiver statistics per SSRC,
 * receiveStatistics.ts; the sender's counters and last RTP timestamp; its NTP stamp in RFC 3550's
 * format, see `ntpNow`), so the browser's `remote-inbound-rtp`/`remote-outbound-rtp` stats (RTT, loss, jitter) hold
 * true. Every packet the short cut does not take (the first of a stream, RTCP, DTLS, an SRTP session not started, a source switch werift rewrites)
 * goes werift's way unchanged.
 */

/** werift internals the short cut reads or keeps current (not in its typings; names as in werift 0.25). */
interface DtlsInternals {
  state: string;
  srtpStarted: boolean;
  srtp?: SrtpSessionInternals;
  srtcp?: SrtcpSessionInternals;
  iceTransport: { connection: IceConnectionInternals };
  bytesReceived: number;
  packetsReceived: number;
  bytesSent: number;
  packetsSent: number;
}
interface ReceiverInternals {
  stopped: boolean;
  dtlsTransport?: DtlsInternals;
  codecs: Record<number, unknown>;
  remoteStreams: Record<number, StreamStatisticsInternals | undefined>;
}
interface SenderInternals {
  stopped: boolean;
  dtlsTransport?: DtlsInternals;
  codec?: { payloadType: number };
  ssrc: number;
  seqOffset: number;
  timestampOffset: number;
  rtpContinuityPending: boolean;
  rtcpRunning: boolean;
  sequenceNumber?: number;
  timestamp?: number;
  ntpTimestamp: bigint;
  rtpTimestamp: number;
  octetCount: number;
  packetCount: number;
  headerBytesSent: number;
}

/** Milliseconds from the NTP epoch (1900) to the Unix epoch. */
const NTP_TO_UNIX_MS = 2_208_988_800_000;

/**
 * The sender's wall clock for its reports, in RFC 3550's 64-bit NTP format (seconds, then a 32-bit binary fraction),
 * as a media server sends it. werift's own `ntpTime` writes the decimal digits of the fraction as the integer
 * fraction (and costs a number-to-string conversion per packet); the short cut sends every packet after a stream's
 * first, so its stamp is the one the sender reports carry.
 */
export function ntpNow(): bigint {
  const ms = performance.timeOrigin + performance.now() + NTP_TO_UNIX_MS;
  const seconds = Math.floor(ms / 1000);
  const fraction = Math.floor(((ms - seconds * 1000) / 1000) * 2 ** 32);
  return (BigInt(seconds >>> 0) << 32n) | BigInt(fraction >>> 0);
}

/** RTP, not RTCP (RFC 5761 demultiplexing) and not DTLS/STUN (RFC 7983: first byte 128–191). */
function isRtp(data: Buffer): boolean {
  if (data.length < RTP_HEADER_BYTES) return false;
  const first = data[0] as number;
  const second = data[1] as number;
  return first >= 128 && first <= 191 && !(second >= 192 && second <= 223);
}

/** The delivery with the leg's first inbound RTP stamped on its trace (diagnostics, mediaTrace.ts). */
function traced(pc: RTCPeerConnection, deliver: (header: InboundRtp, payload: Buffer) => void): typeof deliver {
  return (header, payload) => {
    traceOnce(pc, 'first rtp delivered');
    deliver(header, payload);
  };
}

export class LeanRtp {
  private readonly sendHeader = new OutboundHeader();
  private readonly directSend = new DirectIceSend();
  private hooked: IceConnectionInternals | null = null;
  private unhook: (() => void) | null = null;
  private audio: RTCRtpTransceiver | undefined;

  constructor(
    private readonly pc: RTCPeerConnection,
    private readonly deliver: (header: InboundRtp, payload: Buffer) => void,
  ) {
    if (tracing) this.deliver = traced(pc, deliver);
    // werift's way: the first packet of each stream, and every packet the short cut leaves to werift.
    pc.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => this.deliver(rtp.header, rtp.payload));
    });
    // SRTP starts before `connected`; the ICE connection is the transceiver's from then on.
    pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') this.attach();
    });
  }

  /** The peer's audio transceiver (looked up per packet: kept once werift has created it, it lives as long as the peer). */
  audioTransceiver(): RTCRtpTransceiver | undefined {
    this.audio ??= this.pc.getTransceivers().find((t) => t.kind === 'audio');
    return this.audio;
  }

  /** Takes inbound RTP off werift's path on the transceiver's ICE connection (again after a transport change). */
  private attach(): void {
    const dtls = this.receiver()?.dtlsTransport;
    protectRtcpWithOurCipher(dtls?.srtcp); // the reports werift sends (a new DTLS transport: new SRTCP keys)
    const connection = dtls?.iceTransport.connection;
    if (!connection || connection === this.hooked) return;
    this.detach();
    this.hooked = connection;
    this.unhook = hookIceReceive(connection, (data) => this.receive(data));
  }

  detach(): void {
    this.unhook?.();
    this.unhook = null;
    this.hooked = null;
  }

  /** Sends one frame (sequence number and timestamp already continuous) with the sender's SSRC and payload type. */
  send(sequenceNumber: number, timestamp: number, marker: boolean, payload: Buffer): void {
    if (tracing) traceOnce(this.pc, 'first frame to send');
    if (this.sendShort(sequenceNumber, timestamp, marker, payload)) return;
    const header = new RtpHeader({ sequenceNumber, timestamp, marker });
    this.audioTransceiver()
      ?.sender.sendRtp(new RtpPacket(header, payload))
      .catch(() => undefined);
  }

  /** False when werift must send the frame instead (nothing sent yet, a continuity rewrite pending). */
  private sendShort(sequenceNumber: number, timestamp: number, marker: boolean, payload: Buffer): boolean {
    const sender = this.audioTransceiver()?.sender as unknown as SenderInternals | undefined;
    const dtls = sender?.dtlsTransport;
    const codec = sender?.codec;
    if (!sender || !dtls?.srtp || !codec || sender.stopped || !sender.rtcpRunning || sender.rtpContinuityPending)
      return false;
    if (dtls.state !== 'connected') return true; // werift drops it too
    const header = this.sendHeader;
    header.ssrc = sender.ssrc;
    header.payloadType = codec.payloadType;
    header.marker = marker;
    header.sequenceNumber = (sequenceNumber + sender.seqOffset) & 0xffff;
    header.timestamp = (timestamp + sender.timestampOffset) >>> 0;
    sender.sequenceNumber = header.sequenceNumber;
    sender.timestamp = header.timestamp;
    sender.ntpTimestamp = ntpNow();
    sender.rtpTimestamp = header.timestamp;
    sender.octetCount += payload.length;
    sender.headerBytesSent += RTP_HEADER_BYTES;
    sender.packetCount = (sender.packetCount + 1) >>> 0;
    const encrypted = encryptSrtp(dtls.srtp, header, payload);
    dtls.bytesSent += encrypted.length;
    dtls.packetsSent += 1;
    this.directSend.send(dtls.iceTransport.connection, encrypted);
    if (tracing) traceOnce(this.pc, 'first short-cut send');
    return true;
  }

  /** Packets (SRTP and SRTCP) the transceiver's DTLS transport sent and received. */
  packetCounts(): { sent: number; received: number } {
    const dtls = this.receiver()?.dtlsTransport;
    return { sent: dtls?.packetsSent ?? 0, received: dtls?.packetsReceived ?? 0 };
  }

  private receiver(): ReceiverInternals | undefined {
    return this.audioTransceiver()?.receiver as unknown as ReceiverInternals | undefined;
  }

  /** True when the datagram was handled here (delivered or dropped as werift would); false: werift's way. */
  private receive(data: Buffer): boolean {
    if (!isRtp(data)) return false;
    const receiver = this.receiver();
    const dtls = receiver?.dtlsTransport;
    if (!receiver || receiver.stopped || !dtls?.srtpStarted || !dtls.srtp) return false;
    // The first packet of a stream goes werift's way: it creates the stream's statistics and starts its reports.
    const stream = receiver.remoteStreams[data.readUInt32BE(8)];
    if (!stream) return false;
    if (tracing) traceOnce(this.pc, 'first short-cut receive');
    dtls.bytesReceived += data.length;
    dtls.packetsReceived += 1;
    const decrypted = decryptSrtp(dtls.srtp.remoteContext, data);
    if (!decrypted) return true;
    const { plain, header } = decrypted;
    if (receiver.codecs[header.payloadType] === undefined) return true;
    const payload = plain.subarray(header.payloadOffset, plain.length - header.paddingSize);
    addReceivedPacket(stream, header, payload.length);
    this.deliver(header, payload);
    return true;
  }
}
