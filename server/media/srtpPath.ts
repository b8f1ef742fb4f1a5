import type { RtpHeader } from 'werift';
import { AES_CM_AUTH_TAG_BYTES, AesCmRtpCipher, SRTP_AES128_CM_HMAC_SHA1_80 } from './aesCmCipher.js';

/**
 * SRTP for the short-cut RTP path (leanRtp.ts), on werift's SRTP contexts: their rollover-counter state stays the
 * one werift reads and writes for the packets it still handles itself (a stream's first, digits, RTCP). With the
 * AES_CM_128_HMAC_SHA1_80 profile the packet is protected by our cipher (aesCmCipher.ts), with any other (AEAD GCM)
 * by werift's own.
 */

interface SsrcState {
  ssrc: number;
  rolloverCounter: number;
  lastSequenceNumber: number;
  rolloverHasProcessed?: boolean;
}

/** werift's `SrtpContext` (names as in werift 0.25; not in its typings). */
export interface SrtpContextInternals {
  readonly profile: number;
  readonly rtpAuthTagLength: number;
  readonly srtpSessionKey: Buffer;
  readonly srtpSessionSalt: Buffer;
  readonly srtpSessionAuthTag: Buffer;
  srtpSSRCStates: Record<number, SsrcState | undefined>;
  getSrtpSsrcState(ssrc: number): SsrcState;
  updateRolloverCount(sequenceNumber: number, state: SsrcState): void;
  /** Throws when the packet fails authentication; sets `header.paddingSize`. */
  cipher: { decryptRtp(cipherText: Buffer, rolloverCounter: number, header: ParsedHeader): [Buffer, unknown] };
}
export interface SrtpSessionInternals {
  localContext: SrtpContextInternals;
  remoteContext: SrtpContextInternals;
  encrypt(payload: Buffer, header: OutboundHeader): Buffer;
}

/** The fields of a decrypted inbound packet the peer uses. */
export type InboundRtp = Pick<RtpHeader, 'payloadType' | 'sequenceNumber' | 'timestamp' | 'marker'>;

/** The RTP header fields werift's SRTP cipher and receiver statistics read (werift's `RtpHeader` has them too). */
export interface ParsedHeader extends InboundRtp {
  ssrc: number;
  padding: boolean;
  paddingSize: number;
  payloadOffset: number;
  serializeSize: number;
}

export const RTP_HEADER_BYTES = 12;

/** Our cipher per werift context (the profile and session keys of a context never change). */
const fastCiphers = new WeakMap<SrtpContextInternals, AesCmRtpCipher | null>();

function fastCipherOf(context: SrtpContextInternals): AesCmRtpCipher | null {
  let cipher = fastCiphers.get(context);
  if (cipher === undefined) {
    cipher =
      context.profile === SRTP_AES128_CM_HMAC_SHA1_80
        ? new AesCmRtpCipher(context.srtpSessionKey, context.srtpSessionSalt, context.srtpSessionAuthTag)
        : null;
    fastCiphers.set(context, cipher);
  }
  return cipher;
}

/**
 * The header of an SRTP packet, with the checks werift makes before it authenticates one (`parseSrtpRtpHeader`):
 * room for the auth tag, CSRCs and header extension inside the authenticated part. Null: werift would drop it.
 * A plain object, not werift's `RtpHeader` (whose constructor alone was a fifth of the receive path).
 */
function parseSrtpHeader(packet: Buffer, authTagLength: number): ParsedHeader | null {
  const authenticatedEnd = packet.length - authTagLength;
  if (authenticatedEnd < RTP_HEADER_BYTES) return null;
  const first = packet[0] as number;
  const second = packet[1] as number;
  let payloadOffset = RTP_HEADER_BYTES + 4 * (first & 0x0f);
  if (first & 0x10) {
    if (payloadOffset + 4 > authenticatedEnd) return null;
    payloadOffset += 4 + 4 * packet.readUInt16BE(payloadOffset + 2);
  }
  if (payloadOffset > authenticatedEnd) return null;
  return {
    payloadType: second & 0x7f,
    marker: (second & 0x80) !== 0,
    sequenceNumber: packet.readUInt16BE(2),
    timestamp: packet.readUInt32BE(4),
    ssrc: packet.readUInt32BE(8),
    padding: (first & 0x20) !== 0,
    paddingSize: 0,
    payloadOffset,
    serializeSize: payloadOffset,
  };
}

/** werift's `finalizeSrtpRtpHeader`: the padding size a padded packet's last byte gives; false: werift drops it. */
function takePadding(header: ParsedHeader, plain: Buffer): boolean {
  if (!header.padding) return true;
  if (plain.length <= header.payloadOffset) return false;
  const paddingSize = plain[plain.length - 1] as number;
  if (paddingSize === 0 || paddingSize > plain.length - header.payloadOffset) return false;
  header.paddingSize = paddingSize;
  return true;
}

/** Authenticates and decrypts; null when the packet fails authentication. `packet` may be decrypted in place. */
function unprotect(context: SrtpContextInternals, packet: Buffer, header: ParsedHeader, roc: number): Buffer | null {
  const fast = fastCipherOf(context);
  if (fast) {
    if (!fast.unprotect(packet, header.payloadOffset, roc)) return null;
    const plain = packet.subarray(0, packet.length - AES_CM_AUTH_TAG_BYTES);
    return takePadding(header, plain) ? plain : null;
  }
  try {
    return context.cipher.decryptRtp(packet, roc, header)[0];
  } catch {
    return null; // fails authentication: werift drops it
  }
}

const NEW_STATE = { rolloverCounter: 0, lastSequenceNumber: 0, rolloverHasProcessed: false };
const guess: SsrcState = { ssrc: 0, ...NEW_STATE };

/**
 * Decrypts one SRTP packet as werift's SRTP context does (`SrtpContext.decryptRtp`: rollover counter guessed on a
 * copy of the SSRC's state, committed only once the packet authenticates), with our parsed header. The datagram is
 * the caller's: it may be decrypted in place.
 */
export function decryptSrtp(
  context: SrtpContextInternals,
  packet: Buffer,
): { plain: Buffer; header: ParsedHeader } | null {
  const header = parseSrtpHeader(packet, context.rtpAuthTagLength);
  if (!header) return null;
  const existing = context.srtpSSRCStates[header.ssrc];
  // The guess on one reused copy (every field werift's `updateRolloverCount` reads or writes), not a clone per packet.
  const next = guess;
  next.ssrc = header.ssrc;
  next.rolloverCounter = existing?.rolloverCounter ?? 0;
  next.lastSequenceNumber = existing?.lastSequenceNumber ?? 0;
  next.rolloverHasProcessed = existing?.rolloverHasProcessed ?? false;
  context.updateRolloverCount(header.sequenceNumber, next);
  const plain = unprotect(context, packet, header, next.rolloverCounter);
  if (!plain) return null;
  const state = existing ?? (context.srtpSSRCStates[header.ssrc] = { ssrc: header.ssrc, ...NEW_STATE });
  state.rolloverCounter = next.rolloverCounter;
  state.lastSequenceNumber = next.lastSequenceNumber;
  state.rolloverHasProcessed = next.rolloverHasProcessed;
  return { plain, header };
}

/**
 * An outbound RTP header (no CSRCs, no extensions: the server peer negotiates none) with what werift's SRTP
 * `encrypt` reads of a header: its fields, `serializeSize` and `serialize`, written without werift's bit writers.
 */
export class OutboundHeader {
  ssrc = 0;
  payloadType = 0;
  sequenceNumber = 0;
  timestamp = 0;
  marker = false;
  readonly serializeSize = RTP_HEADER_BYTES;

  serialize(size: number): Buffer {
    return this.writeInto(Buffer.alloc(size));
  }

  writeInto(buf: Buffer): Buffer {
    buf[0] = 0x80; // version 2, no padding, no extension, no CSRC
    buf[1] = (this.marker ? 0x80 : 0) | (this.payloadType & 0x7f);
    buf.writeUInt16BE(this.sequenceNumber, 2);
    buf.writeUInt32BE(this.timestamp, 4);
    buf.writeUInt32BE(this.ssrc, 8);
    return buf;
  }
}

/** Protects one outbound packet as werift's `SrtpSession.encrypt` does (its SSRC state, then the cipher). */
export function encryptSrtp(session: SrtpSessionInternals, header: OutboundHeader, payload: Buffer): Buffer {
  const context = session.localContext;
  const fast = fastCipherOf(context);
  if (!fast) return session.encrypt(payload, header);
  const state = context.getSrtpSsrcState(header.ssrc);
  context.updateRolloverCount(header.sequenceNumber, state);
  const payloadEnd = RTP_HEADER_BYTES + payload.length;
  const packet = header.writeInto(Buffer.allocUnsafe(payloadEnd + AES_CM_AUTH_TAG_BYTES));
  payload.copy(packet, RTP_HEADER_BYTES);
  fast.protect(packet, RTP_HEADER_BYTES, payloadEnd, state.rolloverCounter);
  return packet;
}
