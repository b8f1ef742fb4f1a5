import { RTCCertificate, RTCDtlsFingerprint } from 'werift';

/**
 * werift keeps one DTLS certificate per process (RTCDtlsTransport.SetupCertificate: every leg's SDP carries its
 * fingerprint, as WebRTC allows; each handshake's ECDHE keys stay fresh), but computes that fingerprint anew every time
 * a leg builds SDP or reports stats: it parses the PEM certificate with @fidm/x509 (ASN.1 in JavaScript), hashes it
 * and formats the hex with a regular expression (profiled: ≈ 0.9 ms of gateway CPU per call setup, the largest DTLS
 * cost left). The certificate never changes, so neither does its fingerprint: this computes it once per certificate
 * and hands out fresh copies (callers may keep or change what they get).
 * test/server/media/dtlsCertificate.test.ts compares the result with werift's own and fails if werift's shape changes.
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
