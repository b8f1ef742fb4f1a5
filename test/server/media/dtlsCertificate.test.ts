import {
  CipherContext,
  HashAlgorithm,
  NamedCurveAlgorithm,
  RTCCertificate,
  RTCDtlsFingerprint,
  RTCDtlsTransport,
  SignatureAlgorithm,
} from 'werift';
import { createVerify } from 'node:crypto';
import {
  uncachedFingerprints,
  useCachedCertificateFingerprints,
  useParsedCertificateOnce,
} from '../../../server/media/dtlsCertificate';

describe("the DTLS certificate's fingerprint, computed once per certificate", () => {
  let certificate: RTCCertificate;
  beforeAll(async () => {
    certificate = await RTCDtlsTransport.SetupCertificate();
    expect(useCachedCertificateFingerprints()).toBe(true);
  });

  it("gives werift's own sha-256 fingerprint of the process certificate", () => {
    const expected = uncachedFingerprints(certificate);
    expect(expected).toEqual([
      expect.objectContaining({
        algorithm: 'sha-256',
        value: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
      }),
    ]);
    expect(certificate.getFingerprints()).toEqual(expected);
    expect(certificate.getFingerprints()[0]).toBeInstanceOf(RTCDtlsFingerprint);
  });

  it('hands out fresh copies: a caller changing its copy changes nothing for the next', () => {
    const first = certificate.getFingerprints();
    (first[0] as RTCDtlsFingerprint).value = 'changed';
    first.push(new RTCDtlsFingerprint('sha-1', 'x'));
    expect(certificate.getFingerprints()).toEqual(uncachedFingerprints(certificate));
  });

  it('keeps each certificate its own fingerprint', async () => {
    const signatureHash = { hash: HashAlgorithm.sha256_4, signature: SignatureAlgorithm.ecdsa_3 };
    const made = await CipherContext.createSelfSignedCertificateWithKey(
      signatureHash,
      NamedCurveAlgorithm.secp256r1_23,
    );
    const other = new RTCCertificate(made.keyPem, made.certPem, signatureHash);
    expect(other.getFingerprints()).toEqual(uncachedFingerprints(other));
    expect(other.getFingerprints()).not.toEqual(certificate.getFingerprints());
    expect(certificate.getFingerprints()).toEqual(uncachedFingerprints(certificate));
  });

  it('serves the fingerprint werift puts in SDP: a leg offered after install carries it', async () => {
    const { RTCPeerConnection } = await import('werift');
    const pc = new RTCPeerConnection({ iceServers: [] });
    pc.addTransceiver('audio');
    await pc.setLocalDescription(await pc.createOffer());
    const value = (uncachedFingerprints(certificate)[0] as RTCDtlsFingerprint).value;
    expect(pc.localDescription?.sdp).toContain(`a=fingerprint:sha-256 ${value}`);
    await pc.close();
  });
});

describe("the DTLS certificate and key, parsed once for every socket's CipherContext", () => {
  const signatureHash = { hash: HashAlgorithm.sha256_4, signature: SignatureAlgorithm.ecdsa_3 };
  const make = () => CipherContext.createSelfSignedCertificateWithKey(signatureHash, NamedCurveAlgorithm.secp256r1_23);

  it("shares werift's own parse between contexts of one certificate; another certificate gets its own", async () => {
    const [one, two] = await Promise.all([make(), make()]);
    const unpatched = new CipherContext(1, one.certPem, one.keyPem, signatureHash);
    expect(useParsedCertificateOnce()).toBe(true);
    const first = new CipherContext(1, one.certPem, one.keyPem, signatureHash);
    const second = new CipherContext(2, one.certPem, one.keyPem, signatureHash);
    const other = new CipherContext(1, two.certPem, two.keyPem, signatureHash);
    expect(first.localCert.equals(unpatched.localCert)).toBe(true);
    expect(first.localPrivateKey.toPEM()).toEqual(unpatched.localPrivateKey.toPEM());
    expect(second.localPrivateKey).toBe(first.localPrivateKey);
    expect(second.signatureHashAlgorithm).toEqual(signatureHash);
    expect(other.localCert.equals(first.localCert)).toBe(false);
  });

  it('signs with the shared key: the signature verifies with the certificate', async () => {
    const made = await make();
    expect(useParsedCertificateOnce()).toBe(true);
    new CipherContext(1, made.certPem, made.keyPem, signatureHash);
    const cipher = new CipherContext(1, made.certPem, made.keyPem, signatureHash);
    const data = Buffer.from('server key exchange params');
    const signature = cipher.signatureData(data, 'sha256');
    expect(createVerify('sha256').update(data).verify(made.certPem, signature)).toBe(true);
  });
});
