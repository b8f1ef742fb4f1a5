/**
 * The DTLS client's first flight as it arrived before werift's DTLS server existed: every fragment of its latest
 * transmission, in order. Chromium's ClientHello (with its X25519MLKEM768 key share, ≈ 1.4 KB) does not fit one
 * datagram: it comes as two handshake fragments in two datagrams (measured: `ClientHello[seq 0, 0+1175/1413]`, then
 * `[seq 0, 1175+238/1413]`). Keeping only the latest datagram kept only the second fragment; werift buffered it as
 * an incomplete message and answered nothing until the browser retransmitted its whole ClientHello (0.1–1.1 s later).
 */

/** Record header (13 bytes) + handshake header up to fragment_length (12 bytes): RFC 6347 §4.1 and §4.2.2. */
const HANDSHAKE_RECORD_HEADER_BYTES = 25;
const CONTENT_TYPE_HANDSHAKE = 22;
/** Far more than a ClientHello's fragments: a bound on what an unauthenticated sender can make us hold. */
const MAX_FRAGMENTS = 16;

/**
 * Where a datagram's first record sits in the client's flight: message_seq × 2^24 + fragment_offset, for a plaintext
 * (epoch 0) handshake record; null for anything else (werift's DTLS server has nothing to do with it before then).
 */
export function flightPosition(datagram: Buffer): number | null {
  if (datagram.length < HANDSHAKE_RECORD_HEADER_BYTES || datagram[0] !== CONTENT_TYPE_HANDSHAKE) return null;
  if (datagram.readUInt16BE(3) !== 0) return null;
  return datagram.readUInt16BE(17) * 2 ** 24 + datagram.readUIntBE(19, 3);
}

export class EarlyDtlsFlight {
  /** By flight position: a retransmission replaces what it repeats, so each fragment is handed over once. */
  private readonly fragments = new Map<number, Buffer>();

  keep(datagram: Buffer): void {
    const position = flightPosition(datagram);
    if (position === null) return;
    if (!this.fragments.has(position) && this.fragments.size >= MAX_FRAGMENTS) return;
    this.fragments.set(position, datagram);
  }

  /** The kept datagrams in flight order, and forgets them. */
  take(): Buffer[] {
    const inOrder = [...this.fragments.entries()].sort(([a], [b]) => a - b).map(([, datagram]) => datagram);
    this.fragments.clear();
    return inOrder;
  }
}
