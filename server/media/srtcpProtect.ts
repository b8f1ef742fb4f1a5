import { RtcpHeader, SrtpAuthenticationError } from 'werift';
import { AES_CM_AUTH_TAG_BYTES, SRTP_AES128_CM_HMAC_SHA1_80 } from './aesCmCipher.js';
import { AesCmKeystream } from './aesCmKeystream.js';
import { HmacSha1 } from './hmacSha1.js';

/**
 * SRTCP (RFC 3711 §3.4, AES_CM_128_HMAC_SHA1_80) for the RTCP reports werift sends and receives, on werift's SRTCP
 * contexts: its `encryptRTCP`/`decryptRTCP` build an `aes-128-ctr` cipher and a `createHmac` per report plus buffer
 * copies, and a peer sends two reports a second (sender and receiver, each every 0.5–1.5 s) and gets the browser's, in
 * unoptimised code: the encryption alone measured at a third of what all RTCP costs a bridged call. Installed per
 * context as a replacement of those methods (same SRTCP index state, same bytes, same errors:
 * test/server/media/srtcpProtect.test.ts); another profile keeps werift's.
 */

/** werift's `SrtcpContext` (names as in werift 0.25; not in its typings). */
export interface SrtcpContextInternals {
  readonly profile: number;
  readonly srtcpSessionKey: Buffer;
  readonly srtcpSessionSalt: Buffer;
  readonly srtcpSessionAuthTag: Buffer;
  getSrtcpSsrcState(ssrc: number): { srtcpIndex: number };
  encryptRTCP(rawRtcp: Buffer): Buffer;
  /** Throws `SrtpAuthenticationError` when the report fails authentication. */
  decryptRTCP(encrypted: Buffer): [Buffer, RtcpHeader];
}
export interface SrtcpSessionInternals {
  localContext: SrtcpContextInternals;
  remoteContext: SrtcpContextInternals;
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
    typeof context.decryptRTCP === 'function' &&
    typeof context.getSrtcpSsrcState === 'function' &&
    context.srtcpSessionKey?.length === 16 &&
    context.srtcpSessionSalt?.length === 14 &&
    context.srtcpSessionAuthTag?.length === 20
  );
}

/**
 * Protects the session's outbound RTCP and unprotects its inbound RTCP with our AES-CM and HMAC from now on. False
 * (werift's own stay): another profile, or contexts of another shape than werift 0.25's.
 */
export function protectRtcpWithOurCipher(session: SrtcpSessionInternals | undefined): boolean {
  const local = session?.localContext;
  const remote = session?.remoteContext;
  if (!local || !remote || !usable(local) || !usable(remote)) return false;
  if (installed.has(local)) return true;
  installed.add(local);
  local.encryptRTCP = protector(local);
  remote.decryptRTCP = unprotector(remote);
  return true;
}

function usable(context: SrtcpContextInternals): boolean {
  return context.profile === SRTP_AES128_CM_HMAC_SHA1_80 && hasShape(context);
}

function protector(context: SrtcpContextInternals): (rawRtcp: Buffer) => Buffer {
  const keystream = new AesCmKeystream(context.srtcpSessionKey, context.srtcpSessionSalt);
  const hmac = new HmacSha1(context.srtcpSessionAuthTag);
  return (rawRtcp) => {
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
}

/** werift's `decryptRTCP`: the same checks (length, header, tag) and errors, the report without index and tag. */
function unprotector(context: SrtcpContextInternals): (encrypted: Buffer) => [Buffer, RtcpHeader] {
  const keystream = new AesCmKeystream(context.srtcpSessionKey, context.srtcpSessionSalt);
  const hmac = new HmacSha1(context.srtcpSessionAuthTag);
  const expected = new Uint8Array(AES_CM_AUTH_TAG_BYTES);
  const refuse = (): never => {
    throw new SrtpAuthenticationError('Failed to authenticate SRTCP packet');
  };
  return (encrypted) => {
    if (encrypted.length < RTCP_HEADER_BYTES + INDEX_BYTES + AES_CM_AUTH_TAG_BYTES) refuse();
    let header: RtcpHeader | undefined;
    try {
      header = RtcpHeader.deSerialize(encrypted.subarray(0, 4));
    } catch {
      refuse();
    }
    const tagAt = encrypted.length - AES_CM_AUTH_TAG_BYTES;
    const indexAt = tagAt - INDEX_BYTES;
    const word = encrypted.readUInt32BE(indexAt);
    hmac.sign(encrypted, indexAt, word, expected, 0, AES_CM_AUTH_TAG_BYTES);
    let difference = 0; // every byte compared: no early exit (timing)
    for (let i = 0; i < AES_CM_AUTH_TAG_BYTES; i++)
      difference |= (expected[i] as number) ^ (encrypted[tagAt + i] as number);
    if (difference !== 0) refuse();
    const out = Buffer.from(encrypted.subarray(0, indexAt));
    if (word & ENCRYPTED) {
      const index = word & MAX_INDEX;
      keystream.xor(out, RTCP_HEADER_BYTES, indexAt, out.readUInt32BE(4), index >>> 16, index & 0xffff);
    }
    return [out, header as RtcpHeader];
  };
}
