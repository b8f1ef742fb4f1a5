/**
 * A werift peer playing the browser in node tests: offers audio like Chrome (Opus, PCMU, telephone-event), sends RTP
 * frames and RFC 4733 events, and records what arrives.
 */
import { RTCPeerConnection, RTCRtpCodecParameters, RtpHeader, RtpPacket, type RTCRtpTransceiver } from 'werift';
import { serializeTelephoneEvent, eventOfKey } from '../../../server/media/telephoneEvent';

export interface ReceivedPacket {
  payloadType: number;
  sequenceNumber: number;
  payload: Buffer;
  at: number;
}

const CHROME_LIKE = (pcmuFirst: boolean): RTCRtpCodecParameters[] => {
  const opus = new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2, payloadType: 111 });
  const pcmu = new RTCRtpCodecParameters({ mimeType: 'audio/PCMU', clockRate: 8000, payloadType: 0 });
  return [
    ...(pcmuFirst ? [pcmu, opus] : [opus, pcmu]),
    new RTCRtpCodecParameters({
      mimeType: 'audio/telephone-event',
      clockRate: 8000,
      payloadType: 126,
      parameters: '0-16',
    }),
  ];
};

export class LoopbackClient {
  readonly pc: RTCPeerConnection;
  readonly received: ReceivedPacket[] = [];
  private readonly transceiver: RTCRtpTransceiver;
  private seq = 1000;
  private timestamp = 5000;

  constructor(options: { pcmuFirst?: boolean } = {}) {
    this.pc = new RTCPeerConnection({
      codecs: { audio: CHROME_LIKE(options.pcmuFirst ?? false) },
      headerExtensions: { audio: [] },
      iceServers: [],
      iceUseIpv6: false,
      iceAdditionalHostAddresses: ['127.0.0.1'],
    });
    this.transceiver = this.pc.addTransceiver('audio', { direction: 'sendrecv' });
    this.pc.onTrack.subscribe((track) =>
      track.onReceiveRtp.subscribe((rtp) =>
        this.received.push({
          payloadType: rtp.header.payloadType,
          sequenceNumber: rtp.header.sequenceNumber,
          payload: rtp.payload,
          at: Date.now(),
        }),
      ),
    );
  }

  async createOffer(): Promise<string> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    return this.pc.localDescription?.sdp ?? '';
  }

  async acceptAnswer(sdp: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
  }

  async answer(offerSdp: string): Promise<string> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    return this.pc.localDescription?.sdp ?? '';
  }

  async connected(): Promise<void> {
    if (this.pc.connectionState === 'connected') return;
    await this.pc.connectionStateChange.watch((state) => state === 'connected');
  }

  get sendCodec(): string | undefined {
    return this.sender().codec?.mimeType;
  }

  /** Sends one audio frame with the negotiated codec (seq/timestamp advance like a 20 ms stream). */
  sendFrame(payload: Buffer, timestampStep = 960): void {
    this.seq = (this.seq + 1) & 0xffff;
    this.timestamp = (this.timestamp + timestampStep) >>> 0;
    const header = new RtpHeader({ sequenceNumber: this.seq, timestamp: this.timestamp, marker: false });
    void this.sender().sendRtp(new RtpPacket(header, payload));
  }

  /** Advances the sequence number without sending: a packet lost on the way. */
  skipSequenceNumber(): void {
    this.seq = (this.seq + 1) & 0xffff;
  }

  /** An RTP-shaped datagram with this client's SSRC and the next sequence number, but no valid SRTP auth tag. */
  sendForgedSrtp(): void {
    const packet = Buffer.alloc(12 + 20 + 16, 0x5a);
    packet[0] = 0x80;
    packet[1] = this.sender().codec?.payloadType ?? 111;
    packet.writeUInt16BE((this.seq + 1) & 0xffff, 2);
    packet.writeUInt32BE(this.timestamp, 4);
    packet.writeUInt32BE(this.sender().ssrc, 8);
    void this.pc.iceTransports[0]?.connection.send(packet);
  }

  /** Sends a key press as RFC 4733 packets (3 updates + 3 end packets, one timestamp) on the negotiated event codec. */
  async sendDigit(key: string): Promise<void> {
    const sender = this.sender();
    const audioCodec = sender.codec;
    const eventCodec = this.transceiver.codecs.find((c) => c.mimeType.toLowerCase() === 'audio/telephone-event');
    if (!audioCodec || !eventCodec) throw new Error('telephone-event was not negotiated');
    this.timestamp = (this.timestamp + 960) >>> 0;
    const start = this.timestamp;
    sender.codec = eventCodec; // werift stamps every packet with sender.codec's payload type
    try {
      for (let i = 1; i <= 6; i++) {
        this.seq = (this.seq + 1) & 0xffff;
        const payload = serializeTelephoneEvent({
          event: eventOfKey(key),
          end: i > 3,
          volume: 10,
          duration: Math.min(i, 4) * 160,
        });
        await sender.sendRtp(
          new RtpPacket(new RtpHeader({ sequenceNumber: this.seq, timestamp: start, marker: i === 1 }), payload),
        );
      }
    } finally {
      sender.codec = audioCodec;
    }
  }

  async close(): Promise<void> {
    await this.pc.close();
  }

  private sender(): RTCRtpTransceiver['sender'] {
    return this.transceiver.sender;
  }
}

export const waitFor = async (predicate: () => boolean, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};
