/**
 * What the DTLS tests feed werift's real DTLS sockets with: a datagram transport that records what they send, a
 * self-signed certificate, and werift's own ClientHello.
 */
import { CipherContext, DtlsClient, HashAlgorithm, NamedCurveAlgorithm, SignatureAlgorithm } from 'werift';
import { waitFor } from '../../support/loopbackClient';

/** A datagram transport for werift's DTLS sockets: what they send is recorded (and passed to `peer`, if linked). */
export class DtlsTestWire {
  readonly sent: Buffer[] = [];
  onData: (data: Buffer) => void = () => undefined;
  peer: DtlsTestWire | null = null;
  readonly type = 'test';
  readonly address = { address: '127.0.0.1', family: 'IPv4', port: 0 };
  closed = false;
  send = (data: Buffer): Promise<void> => {
    this.sent.push(data);
    const peer = this.peer;
    if (peer) setImmediate(() => peer.onData(data));
    return Promise.resolve();
  };
  close = (): Promise<void> => Promise.resolve();
}

const signatureHash = { hash: HashAlgorithm.sha256_4, signature: SignatureAlgorithm.ecdsa_3 };

/** A fresh ECDSA P-256 certificate and key, as werift's DTLS sockets take them. */
export async function testCertificate(): Promise<{ cert: string; key: string; signatureHash: typeof signatureHash }> {
  const { certPem, keyPem } = await CipherContext.createSelfSignedCertificateWithKey(
    signatureHash,
    NamedCurveAlgorithm.secp256r1_23,
  );
  return { cert: certPem, key: keyPem, signatureHash };
}

/** werift's DTLS client's ClientHello datagram (one record, one unfragmented handshake message). */
export async function weriftClientHello(): Promise<Buffer> {
  const wire = new DtlsTestWire();
  const client = new DtlsClient({ ...(await testCertificate()), transport: wire, srtpProfiles: [1, 7] });
  void client.connect().catch(() => undefined);
  await waitFor(() => wire.sent.length > 0);
  // Ends its retransmission timer now (it stops once the handshake is past its flight), then closes it.
  (client as unknown as { dtls: { flight: number } }).dtls.flight = 99;
  client.close();
  return wire.sent[0] as Buffer;
}
