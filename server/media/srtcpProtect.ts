import { AES_CM_AUTH_TAG_BYTES, SRTP_AES128_CM_HMAC_SHA1_80 } from './aesCmCipher.js';
import { AesCmKeystream } from './aesCmKeystream.js';
import { HmacSha1 } from './hmacSha1.js';

/**
 * SRTCP protection (RFC 3711 §3.4, AES_CM_128_HMAC_SHA1_80) for the RTCP reports werift sends, on werift's SRTCP
 * context: its `encryptRTCP` builds an `aes-128-ctr` cipher and a `createHmac` per report plus three buffer copies,
 * and a peer sends two reports a second (sender and receiver, each every 0.5–1.5 s), in unoptimised code: measured at
 * a third of what all RTCP costs a bridged call. Installed per context as a replacement of that one method (same
 * SRTCP index state, same bytes: test/server/media/srtcpProtect.test.ts); another profile keeps werift's.
 */

/** werift's `SrtcpContext` (names as in werift 0.25; not in its typings). */
export interface SrtcpContextInternals {
  readonly profile: number;
  readonly srtcpSessionKey: Buffer;
  readonly srtcpSessionSalt: Buffer;
  readonly srtcpSessionAuthTag: Buffer;
  getSrtcpSsrcState(ssrc: number): { srtcpIndex: number };
  encryptRTCP(rawRtcp: Buffer): Buffer;
}
export interface SrtcpSessionInternals {
  localContext: SrtcpContextInternals;
}

const RTCP_HEADER_BYTES = 8;
const INDEX_BYTES = 4;
/** The E flag: the report's payload is encrypted. */
const ENCRYPTED = 0x80000000;
const MAX_INDEX = 0x7fffffff;

const installed = new WeakSet<SrtcpContextInternals>();

function hasShape(context: SrtcpContextInternals): boolean {
  return (
    typeof context.encryptRTCP === 'function' &&
    typeof context.getSrtcpSsrcState === 'function' &&
    context.srtcpSessionKey?.length === 16 &&
    context.srtcpSessionSalt?.length === 14 &&
    context.srtcpSessionAuthTag?.length === 20
  );
}

/**
 * Protects the session's outbound RTCP with our AES-CM and HMAC from now on. False (werift's own stays): another
 * profile, or a context of another shape than werift 0.25's.
 */
export function protectRtcpWithOurCipher(session: SrtcpSessionInternals | undefined): boolean {
  const context = session?.localContext;
  if (!context || context.profile !== SRTP_AES128_CM_HMAC_SHA1_80 || !hasShape(context)) return false;
  if (installed.has(context)) return true;
  installed.add(context);
  const keystream = new AesCmKeystream(context.srtcpSessionKey, context.srtcpSessionSalt);
  const hmac = new HmacSha1(context.srtcpSessionAuthTag);
  context.encryptRTCP = (rawRtcp: Buffer): Buffer => {
    const ssrc = rawRtcp.readUInt32BE(4);
    const state = context.getSrtcpSsrcState(ssrc);
    state.srtcpIndex = state.srtcpIndex >= MAX_INDEX ? 0 : state.srtcpIndex + 1; // 31 bits, as werift wraps it
    const index = state.srtcpIndex;
    const length = rawRtcp.length;
    const out = Buffer.allocUnsafe(length + INDEX_BYTES + AES_CM_AUTH_TAG_BYTES);
    rawRtcp.copy(out, 0);
    // The SRTCP index takes the place of SRTP's ROC ‖ SEQ in the counter blocks.
    keystream.xor(out, RTCP_HEADER_BYTES, length, ssrc, index >>> 16, index & 0xffff);
    const word = (ENCRYPTED | index) >>> 0;
    out.writeUInt32BE(word, length);
    // Authenticated: the report and the E ‖ index word (HMAC's 4-byte suffix), tag after them.
    hmac.sign(out, length, word, out, length + INDEX_BYTES, AES_CM_AUTH_TAG_BYTES);
    return out;
  };
  return true;
}
