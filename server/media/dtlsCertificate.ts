import { CipherContext, RTCCertificate, RTCDtlsFingerprint } from 'werift';

/**
 * werift keeps one DTLS certificate per process (RTCDtlsTransport.SetupCertificate: every leg's SDP carries its
 * fingerprint, as WebRTC allows; each handshake's ECDHE keys stay fresh), but computes that fingerprint anew every time
 * a leg builds SDP or reports stats: it parses the PEM certificate with @fidm/x509 (ASN.1 in JavaScript), hashes it
 * and formats the hex with a regular expression (profiled: ≈ 0.9 ms of gateway CPU per call setup, the largest DTLS
 * cost left). The certificate never changes, so neither does its fingerprint: this computes it once per certificate
 * and hands out fresh copies (callers may keep or change what they get).
 * Likewise every DTLS socket's CipherContext parsed the same PEM certificate and key again (≈ 0.4 ms per setup):
 * parsed once per certificate and key here, the parsed objects shared (werift only reads them: it copies the
 * certificate's bytes into its Certificate message and signs with the key).
 * test/server/media/dtlsCertificate.test.ts compares the results with werift's own and fails if werift's shape changes.
 */

type Fingerprints = () => RTCDtlsFingerprint[];

const byCertificate = new Map<string, Array<{ algorithm: string; value: string }>>();
/** A process holds one certificate, or a few in tests: a bound on what the map keeps regardless. */
const MAX_CERTIFICATES = 16;

let weriftFingerprints: Fingerprints | null = null;

/** werift's own fingerprint computation (before this module replaced it), for tests to compare with. */
export function uncachedFingerprints(certificate: RTCCertificate): RTCDtlsFingerprint[] {
  return (weriftFingerprints ?? RTCCertificate.prototype.getFingerprints).call(certificate);
}

/** Makes werift's RTCCertificate compute its fingerprints once (once per process; returns false if not its shape). */
export function useCachedCertificateFingerprints(): boolean {
  if (weriftFingerprints) return true;
  const original = (RTCCertificate.prototype as { getFingerprints?: unknown }).getFingerprints;
  if (typeof original !== 'function') return false;
  weriftFingerprints = original as Fingerprints;
  const compute = weriftFingerprints;
  RTCCertificate.prototype.getFingerprints = function cachedFingerprints(this: RTCCertificate) {
    let known = byCertificate.get(this.certPem);
    if (!known) {
      known = compute.call(this).map(({ algorithm, value }) => ({ algorithm, value }));
      if (byCertificate.size >= MAX_CERTIFICATES) byCertificate.clear();
      byCertificate.set(this.certPem, known);
    }
    return known.map(({ algorithm, value }) => new RTCDtlsFingerprint(algorithm, value));
  };
  return true;
}

type ParseX509 = (this: CipherContext, ...args: Parameters<CipherContext['parseX509']>) => void;

const parsedByPem = new Map<string, Pick<CipherContext, 'localCert' | 'localPrivateKey'>>();
let weriftParse: ParseX509 | null = null;

/** Makes werift's CipherContext parse each certificate and key once (once per process; false if not its shape). */
export function useParsedCertificateOnce(): boolean {
  if (weriftParse) return true;
  const original = (CipherContext.prototype as { parseX509?: unknown }).parseX509;
  if (typeof original !== 'function') return false;
  weriftParse = original as ParseX509;
  const parse = weriftParse;
  CipherContext.prototype.parseX509 = function parsedOnce(this: CipherContext, ...args: Parameters<ParseX509>) {
    const [certPem, keyPem, signatureHash] = args;
    const key = `${certPem}\n${keyPem}`;
    let parsed = parsedByPem.get(key);
    if (!parsed) {
      parse.apply(this, args);
      parsed = { localCert: this.localCert, localPrivateKey: this.localPrivateKey };
      if (parsedByPem.size >= MAX_CERTIFICATES) parsedByPem.clear();
      parsedByPem.set(key, parsed);
    }
    this.localCert = parsed.localCert;
    this.localPrivateKey = parsed.localPrivateKey;
    this.signatureHashAlgorithm = signatureHash;
  };
  return true;
}
