import { DtlsClient, DtlsServer, type DtlsSocket } from 'werift';
import { waitFor } from '../support/loopbackClient';
import { DtlsTestWire, testCertificate, weriftClientHello } from './support/dtlsTestWire';
import { answerClientHelloDirectly, weriftServerFlights } from '../../../server/media/dtlsDirectServerHello';

const serverOptions = async (transport: DtlsTestWire) => ({
  ...(await testCertificate()),
  transport,
  srtpProfiles: [1, 7] as Array<1 | 7>,
  extendedMasterSecret: true,
  certificateRequest: true,
});

/** Every plaintext handshake record in the datagrams: [msg_type, message_seq] (RFC 6347 §4.1, §4.2.2). */
function plaintextHandshakes(datagrams: Buffer[]): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (const datagram of datagrams) {
    for (let at = 0; at + 13 <= datagram.length; at += 13 + datagram.readUInt16BE(at + 11)) {
      if (datagram[at] === 22 && datagram.readUInt16BE(at + 3) === 0) {
        found.push([datagram[at + 13] as number, datagram.readUInt16BE(at + 17)]);
      }
    }
  }
  return found;
}

/** werift's DTLS client's ClientHello body (the handshake message after its 12-byte header). */
async function weriftClientHelloBody(): Promise<Buffer> {
  const record = await weriftClientHello();
  return record.subarray(25, 25 + record.readUIntBE(22, 3));
}

/**
 * A ClientHello the size and shape of Chromium's: werift's, plus a GREASE extension, supported_versions and an
 * X25519MLKEM768 + X25519 key share (1,216 + 32 bytes), ≈ 1.4 KB, sent as two fragments in two records.
 */
function chromiumLikeHello(body: Buffer, firstFragment = 1175, firstRecordSeq = 0): [Buffer, Buffer] {
  let at = 2 + 32;
  at += 1 + (body[at] as number); // session id
  at += 1 + (body[at] as number); // cookie
  at += 2 + body.readUInt16BE(at); // cipher suites
  at += 1 + (body[at] as number); // compression methods
  const extension = (type: number, data: Buffer): Buffer =>
    Buffer.concat([Buffer.from([type >> 8, type & 255, data.length >> 8, data.length & 255]), data]);
  const share = (group: number, length: number): Buffer =>
    Buffer.concat([Buffer.from([group >> 8, group & 255, length >> 8, length & 255]), Buffer.alloc(length, 7)]);
  const shares = Buffer.concat([share(0x11ec, 1216), share(0x001d, 32)]);
  const added = Buffer.concat([
    extension(0x0a0a, Buffer.alloc(0)),
    extension(43, Buffer.from([4, 0xfe, 0xfc, 0xfe, 0xfd])),
    extension(51, Buffer.concat([Buffer.from([shares.length >> 8, shares.length & 255]), shares])),
  ]);
  const extensions = Buffer.concat([body.subarray(at + 2), added]);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(extensions.length);
  const hello = Buffer.concat([body.subarray(0, at), length, extensions]);
  const record = (offset: number, size: number, sequence: number): Buffer => {
    const header = Buffer.alloc(25);
    header.writeUInt8(22, 0);
    header.writeUInt16BE(0xfefd, 1);
    header.writeUIntBE(sequence, 5, 6);
    header.writeUInt16BE(12 + size, 11);
    header.writeUInt8(1, 13);
    header.writeUIntBE(hello.length, 14, 3);
    header.writeUIntBE(offset, 19, 3);
    header.writeUIntBE(size, 22, 3);
    return Buffer.concat([header, hello.subarray(offset, offset + size)]);
  };
  return [
    record(0, firstFragment, firstRecordSeq),
    record(firstFragment, hello.length - firstFragment, firstRecordSeq + 1),
  ];
}

describe('werift DTLS server answering the ClientHello without a cookie exchange', () => {
  let body: Buffer;
  const sockets: DtlsSocket[] = [];
  const track = <T extends DtlsSocket>(socket: T): T => {
    sockets.push(socket);
    return socket;
  };
  beforeAll(async () => {
    body = await weriftClientHelloBody();
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) {
      (socket as unknown as { dtls: { flight: number } }).dtls.flight = 99; // ends retransmission timers
      socket.close();
    }
  });

  it('finds werift DTLS server code of the shape it was written against, and installs only on a server', async () => {
    expect(weriftServerFlights()).not.toBeNull();
    expect(answerClientHelloDirectly(track(new DtlsServer(await serverOptions(new DtlsTestWire()))))).toBe(true);
    const client = track(new DtlsClient({ ...(await testCertificate()), transport: new DtlsTestWire() }));
    expect(answerClientHelloDirectly(client)).toBe(false);
  });

  it('answers a fragmented Chromium-sized ClientHello with ServerHello (message 0) … ServerHelloDone, no HelloVerifyRequest', async () => {
    const hello = chromiumLikeHello(body);
    expect(hello[0].length + hello[1].length).toBeGreaterThan(1400);
    const plain = new DtlsTestWire();
    track(new DtlsServer(await serverOptions(plain)));
    for (const datagram of hello) plain.onData(datagram);
    await waitFor(() => plain.sent.length > 0);
    expect(plaintextHandshakes(plain.sent)).toEqual([[3, 0]]); // werift as shipped: HelloVerifyRequest

    const direct = new DtlsTestWire();
    answerClientHelloDirectly(track(new DtlsServer(await serverOptions(direct))));
    for (const datagram of hello) direct.onData(datagram);
    await waitFor(() => plaintextHandshakes(direct.sent).some(([type]) => type === 14));
    expect(plaintextHandshakes(direct.sent)).toEqual([
      [2, 0],
      [11, 1],
      [12, 2],
      [13, 3],
      [14, 4],
    ]);
    // The browser's retransmission while that flight is out (its timer ran out first): nothing is sent again at once
    // (werift's own flight-4 timer retransmits the flight if it was lost), and still no HelloVerifyRequest.
    const before = direct.sent.length;
    for (const datagram of chromiumLikeHello(body, 1175, 2)) direct.onData(datagram);
    expect(direct.sent.slice(before)).toEqual([]); // werift's resend would have gone out synchronously
    await waitFor(() => direct.sent.length > before, 2000);
    expect(plaintextHandshakes(direct.sent.slice(before)).map(([type]) => type)).toEqual([2, 11, 12, 13, 14]);
  });

  it("completes the handshake with werift's DTLS client: both connected, the same SRTP keys", async () => {
    const clientWire = new DtlsTestWire();
    const serverWire = new DtlsTestWire();
    clientWire.peer = serverWire;
    serverWire.peer = clientWire;
    const server = track(new DtlsServer(await serverOptions(serverWire)));
    expect(answerClientHelloDirectly(server)).toBe(true);
    const client = track(
      new DtlsClient({
        ...(await testCertificate()),
        transport: clientWire,
        srtpProfiles: [1, 7],
        extendedMasterSecret: true,
      }),
    );
    const connected = (socket: DtlsSocket): Promise<void> => new Promise((resolve) => socket.onConnect.once(resolve));
    const both = Promise.all([connected(server), connected(client)]);
    void client.connect();
    await both;
    expect(plaintextHandshakes(serverWire.sent).map(([type]) => type)).not.toContain(3);
    // Only the first ClientHello (message 0, retransmitted if the machine is slow), never a second one with a cookie.
    const hellos = plaintextHandshakes(clientWire.sent).filter(([type]) => type === 1);
    expect(hellos.length).toBeGreaterThan(0);
    expect(hellos.every(([, sequence]) => sequence === 0)).toBe(true);
    const serverKeys = server.extractSessionKeys(16, 14);
    const clientKeys = client.extractSessionKeys(16, 14);
    expect(serverKeys.localKey.equals(clientKeys.remoteKey)).toBe(true);
    expect(serverKeys.remoteKey.equals(clientKeys.localKey)).toBe(true);
    expect(server.srtp.srtpProfile).toBe(1);
  });
});
