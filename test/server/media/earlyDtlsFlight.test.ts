import { DtlsServer, type DtlsSocket } from 'werift';
import { waitFor } from '../support/loopbackClient';
import { DtlsTestWire, testCertificate, weriftClientHello } from './support/dtlsTestWire';
import { EarlyDtlsFlight, flightPosition } from '../../../server/media/earlyDtlsFlight';

/** The record's handshake message split in two fragments, each in its own record (as Chromium sends its ≈ 1.4 KB one). */
function fragmentsOf(datagram: Buffer, firstLength: number, firstSequence = 0): [Buffer, Buffer] {
  const recordHeader = datagram.subarray(0, 13);
  const handshakeHeader = datagram.subarray(13, 25);
  const body = datagram.subarray(25, 13 + datagram.readUInt16BE(11));
  const fragment = (offset: number, length: number, sequence: number): Buffer => {
    const record = Buffer.concat([recordHeader, handshakeHeader, body.subarray(offset, offset + length)]);
    record.writeUIntBE(sequence, 5, 6); // record sequence number
    record.writeUInt16BE(12 + length, 11);
    record.writeUIntBE(offset, 19, 3);
    record.writeUIntBE(length, 22, 3);
    return record;
  };
  return [fragment(0, firstLength, firstSequence), fragment(firstLength, body.length - firstLength, firstSequence + 1)];
}

/** Handshake type of each plaintext record werift's DTLS server sent (3: HelloVerifyRequest). */
const handshakeTypes = (sent: Buffer[]): number[] => sent.map((d) => d[13] as number);

describe('the DTLS first flight kept before werift builds its DTLS server', () => {
  let server: DtlsSocket;
  let serverTransport: DtlsTestWire;
  let hello: [Buffer, Buffer];
  /** The browser's retransmission: the same fragments in records with later sequence numbers. */
  let retransmitted: [Buffer, Buffer];

  beforeAll(async () => {
    const whole = await weriftClientHello();
    hello = fragmentsOf(whole, 40);
    retransmitted = fragmentsOf(whole, 40, 2);
  });

  beforeEach(async () => {
    serverTransport = new DtlsTestWire();
    server = new DtlsServer({ ...(await testCertificate()), transport: serverTransport, srtpProfiles: [1, 7] });
  });

  afterEach(() => server.close());

  it('werift answers a fragmented ClientHello only with every fragment: the last alone (the old keeper) gets nothing', async () => {
    serverTransport.onData(hello[1]);
    await new Promise((r) => setTimeout(r, 200));
    expect(serverTransport.sent).toEqual([]);
    // Until the browser retransmits the whole message.
    for (const datagram of retransmitted) serverTransport.onData(datagram);
    await waitFor(() => serverTransport.sent.length > 0);
    expect(handshakeTypes(serverTransport.sent)).toEqual([3]);
  });

  it('keeps every fragment of the latest transmission, in order, each once: werift answers the replay', async () => {
    const early = new EarlyDtlsFlight();
    for (const datagram of [hello[0], hello[1], retransmitted[0], retransmitted[1]]) early.keep(datagram);
    const replay = early.take();
    expect(replay).toEqual([retransmitted[0], retransmitted[1]]);
    expect(early.take()).toEqual([]);
    for (const datagram of replay) serverTransport.onData(datagram);
    await waitFor(() => serverTransport.sent.length > 0);
    expect(handshakeTypes(serverTransport.sent)).toEqual([3]);
  });

  it('orders fragments that arrived out of order', () => {
    const early = new EarlyDtlsFlight();
    early.keep(hello[1]);
    early.keep(hello[0]);
    expect(early.take()).toEqual([hello[0], hello[1]]);
  });

  it('ignores what is not a plaintext handshake record, and holds a bounded number of fragments', () => {
    const early = new EarlyDtlsFlight();
    const encrypted = Buffer.from(hello[0]);
    encrypted.writeUInt16BE(1, 3); // epoch 1
    const alert = Buffer.from(hello[0]);
    alert[0] = 21;
    for (const datagram of [encrypted, alert, Buffer.from([22, 254, 253])]) early.keep(datagram);
    expect(early.take()).toEqual([]);
    for (let offset = 0; offset < 40; offset++) {
      const fragment = Buffer.from(hello[0]);
      fragment.writeUIntBE(offset, 19, 3);
      early.keep(fragment);
    }
    expect(early.take()).toHaveLength(16);
    expect(flightPosition(hello[1])).toBe(40);
  });
});
