import type { RTCPeerConnection } from 'werift';
import { ServerPeer, openServerPeerCount } from '../../../server/media/serverPeer';
import { startEcho } from '../../../server/media/echo';
import { addReceivedPacket, type StreamStatisticsInternals } from '../../../server/media/receiveStatistics';
import { ntpNow } from '../../../server/media/leanRtp';
import { LoopbackClient, waitFor } from '../support/loopbackClient';

jest.setTimeout(20_000);

async function until(predicate: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The server peer's short-cut RTP path (server/media/leanRtp.ts) against a werift client playing the browser. */
describe('ServerPeer RTP short cut', () => {
  let client: LoopbackClient;
  let peer: ServerPeer | undefined;
  afterEach(async () => {
    await peer?.close();
    peer = undefined;
    await client.close();
    expect(openServerPeerCount()).toBe(0);
  });

  async function connectEcho(): Promise<ServerPeer> {
    client = new LoopbackClient();
    const answered = await ServerPeer.answer(await client.createOffer(), { prefer: 'opus' });
    await client.acceptAnswer(answered.answerSdp);
    await Promise.all([client.connected(), answered.peer.connected()]);
    startEcho(answered.peer);
    return answered.peer;
  }

  type Stat = { type: string; packetsSent?: number; packetsLost?: number };
  async function clientStat(type: string): Promise<Stat | undefined> {
    const report = await client.pc.getStats();
    return [...(report.values() as Iterable<Stat>)].find((s) => s.type === type);
  }

  it('delivers every packet in order and keeps the RTCP reports true (sender counts, receiver loss)', async () => {
    peer = await connectEcho();
    // werift's client offers AEAD_AES_128_GCM first: the server picks AES_CM_128_HMAC_SHA1_80, our cipher's profile.
    const dtls = client.pc.dtlsTransports[0] as unknown as { srtp?: { localContext: { profile: number } } };
    expect(dtls.srtp?.localContext.profile).toBe(0x0001);
    for (let i = 0; i < 300; i++) {
      // Ten sequence numbers the client never sends: the server's receiver reports must count them as lost.
      if (i === 150) for (let skip = 0; skip < 10; skip++) client.skipSequenceNumber();
      client.sendFrame(Buffer.from(`frame-${i}`));
      // Paced like a stream (a burst of hundreds would overflow a socket buffer on a busy machine).
      if (i % 10 === 9) await new Promise((r) => setTimeout(r, 5));
    }
    await waitFor(() => client.received.length >= 300, 10_000);
    const payloads = client.received.map((p) => p.payload.toString());
    expect(payloads).toEqual(Array.from({ length: 300 }, (_, i) => `frame-${i}`));
    const seqs = client.received.map((p) => p.sequenceNumber);
    // The echo keeps the client's numbering (re-based once): the gap shows where the client skipped.
    const steps = seqs.slice(1).map((seq, i) => (seq - (seqs[i] as number) + 0x10000) % 0x10000);
    expect(steps).toEqual(Array.from({ length: 299 }, (_, i) => (i === 149 ? 11 : 1)));
    expect(peer.packetCounts.received).toBeGreaterThanOrEqual(300);
    // The nominated ICE pair's counters (its getStats candidate-pair) count the short cut's datagrams both ways.
    type Pair = { packetsSent: number; packetsReceived: number; bytesSent: number; bytesReceived: number };
    const ice = (peer as unknown as { pc: RTCPeerConnection }).pc.iceTransports[0]?.connection;
    const pair = (ice as unknown as { nominated?: Pair } | undefined)?.nominated;
    expect(pair?.packetsReceived).toBeGreaterThanOrEqual(300);
    expect(pair?.packetsSent).toBeGreaterThanOrEqual(300);
    expect(pair?.bytesReceived).toBeGreaterThan(300 * 12);
    expect(pair?.bytesSent).toBeGreaterThan(300 * 12);
    // The server's reports are protected by our SRTCP cipher (srtcpProtect.ts, installed on its contexts) and the
    // client reads them; the client's reach the server through it too.
    const serverPc = (peer as unknown as { pc: RTCPeerConnection }).pc;
    const serverDtls = serverPc.dtlsTransports[0] as unknown as {
      srtcp: { localContext: object; remoteContext: object };
    };
    expect(Object.prototype.hasOwnProperty.call(serverDtls.srtcp.localContext, 'encryptRTCP')).toBe(true);
    expect(Object.prototype.hasOwnProperty.call(serverDtls.srtcp.remoteContext, 'decryptRTCP')).toBe(true);
    // Sender reports (every 0.5–1.5 s) carry the packets the server sent, short cut included.
    await until(async () => ((await clientStat('remote-outbound-rtp'))?.packetsSent ?? 0) >= 300, 10_000);
    // Receiver reports carry the loss the server's statistics saw on the short cut.
    await until(async () => (await clientStat('remote-inbound-rtp'))?.packetsLost === 10, 10_000);
  });

  it('drops a packet that fails SRTP authentication and keeps the stream', async () => {
    peer = await connectEcho();
    for (let i = 0; i < 20; i++) client.sendFrame(Buffer.from(`before-${i}`));
    await waitFor(() => client.received.length >= 20);
    // An RTP-looking datagram with the client's SSRC and a next sequence number, but a wrong auth tag.
    client.sendForgedSrtp();
    for (let i = 0; i < 20; i++) client.sendFrame(Buffer.from(`after-${i}`));
    await waitFor(() => client.received.length >= 40);
    const payloads = client.received.map((p) => p.payload.toString());
    expect(payloads.slice(20)).toEqual(Array.from({ length: 20 }, (_, i) => `after-${i}`));
  });
});

describe('receiver statistics on the short cut', () => {
  it("update exactly as werift's own StreamStatistics.add (loss, wrap-around, reordering, jitter)", async () => {
    const client = new LoopbackClient();
    const { peer, answerSdp } = await ServerPeer.answer(await client.createOffer(), { prefer: 'opus' });
    try {
      await client.acceptAnswer(answerSdp);
      await Promise.all([client.connected(), peer.connected()]);
      const stop = startEcho(peer);
      client.sendFrame(Buffer.from('first'));
      await waitFor(() => client.received.length > 0);
      stop();
      // werift's class, from the statistics its receiver keeps for the echoed stream.
      const receiver = client.pc.getTransceivers()[0]?.receiver as unknown as { remoteStreams: Record<number, object> };
      const werift = Object.values(receiver.remoteStreams)[0] as { constructor: new (clockRate: number) => object };
      type Add = (packet: { header: object; payload: Buffer }, now: number) => void;
      const theirs = new werift.constructor(48000) as StreamStatisticsInternals & { add: Add };
      const ours = new werift.constructor(48000) as StreamStatisticsInternals;
      // Sequence numbers across the 16-bit wrap, a gap, a late packet, a repeated timestamp; arrival jitter.
      const seqs = [65530, 65531, 65533, 65534, 65532, 65535, 0, 1, 5, 6, 4, 7];
      seqs.forEach((sequenceNumber, i) => {
        const header = { sequenceNumber, timestamp: (i === 9 ? 8 : i) * 960 + 7, serializeSize: 12 };
        const now = 1_764_600_000.123 + i * 0.02 + (i % 3) * 0.0037;
        theirs.add({ header, payload: Buffer.alloc(40 + i) }, now);
        addReceivedPacket(ours, header, 40 + i, now);
      });
      const fields = (s: StreamStatisticsInternals) => ({
        ...s,
        lastPacketReceivedTimestamp: typeof s.lastPacketReceivedTimestamp,
      });
      expect(fields(ours)).toEqual(fields(theirs));
      expect(ours.jitter_q4).toBeGreaterThan(0);
      expect(ours.cycles).toBe(1 << 16);
    } finally {
      await peer.close();
      await client.close();
    }
  });
});

describe('sender report clock', () => {
  it('is RFC 3550 NTP: seconds since 1900, then a binary fraction of a second', () => {
    const before = Date.now();
    const ntp = ntpNow();
    const after = Date.now();
    const ms = Number(ntp >> 32n) * 1000 + (Number(ntp & 0xffffffffn) / 2 ** 32) * 1000 - 2_208_988_800_000;
    expect(ms).toBeGreaterThanOrEqual(before - 1);
    expect(ms).toBeLessThanOrEqual(after + 1);
  });
});
