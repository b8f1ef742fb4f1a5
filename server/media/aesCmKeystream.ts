import { createCipheriv, type Cipher } from 'node:crypto';

/**
 * SRTP's AES-CM keystream (RFC 3711 §4.1.1) for a run of packet indexes at once. A stream's packets come in index
 * order (ROC ‖ SEQ, one apart), so the keystream of the next packets is encrypted with this one's in a single
 * AES-ECB call: one call into OpenSSL and one result buffer per batch of packets instead of per packet (Node's
 * `update` costs far more per call than the few blocks it encrypts). A packet outside the batch (another SSRC, a
 * late or lost one, a larger payload) starts a new batch at its own index: the keystream is the same either way.
 */

const BLOCK = 16;
/** Packets per batch: 160 ms of 20 ms frames. */
const BATCH_PACKETS = 8;

export class AesCmKeystream {
  private readonly ecb: Cipher;
  private readonly salt: Buffer;
  private counters = Buffer.alloc(0);
  private stream = Buffer.alloc(0);
  private ssrc = -1;
  private firstIndex = 0;
  private blocksPerPacket = 0;

  /** `sessionKey`: 16 bytes, `sessionSalt`: 14 bytes (RFC 3711 §4.3 session keys). */
  constructor(sessionKey: Buffer, sessionSalt: Buffer) {
    if (sessionKey.length !== 16 || sessionSalt.length !== 14) throw new RangeError('AES-CM-128 needs 16+14 bytes');
    this.ecb = createCipheriv('aes-128-ecb', sessionKey, null);
    this.ecb.setAutoPadding(false);
    this.salt = Buffer.from(sessionSalt);
  }

  /** XORs the keystream of packet index `roc ‖ seq` of `ssrc` into `bytes[start..end)`. */
  xor(bytes: Uint8Array, start: number, end: number, ssrc: number, roc: number, seq: number): void {
    const length = end - start;
    if (length <= 0) return;
    const blocks = Math.ceil(length / BLOCK);
    const index = roc * 0x10000 + seq;
    const slot = index - this.firstIndex;
    if (ssrc !== this.ssrc || slot < 0 || slot >= BATCH_PACKETS || blocks > this.blocksPerPacket) {
      this.fill(ssrc, index, blocks);
      this.xorFrom(bytes, start, length, 0);
      return;
    }
    this.xorFrom(bytes, start, length, slot * this.blocksPerPacket * BLOCK);
  }

  private xorFrom(bytes: Uint8Array, start: number, length: number, at: number): void {
    const stream = this.stream;
    for (let i = 0; i < length; i++) bytes[start + i] = (bytes[start + i] as number) ^ (stream[at + i] as number);
  }

  /**
   * The keystream of `BATCH_PACKETS` indexes from `index`, each as long as the largest payload lately (a burst of
   * large packets is forgotten once payloads are less than half as long again).
   */
  private fill(ssrc: number, index: number, blocks: number): void {
    const perPacket =
      blocks > this.blocksPerPacket || 2 * blocks < this.blocksPerPacket ? blocks : this.blocksPerPacket;
    const bytes = BATCH_PACKETS * perPacket * BLOCK;
    if (this.counters.length !== bytes) this.counters = Buffer.alloc(bytes);
    for (let k = 0; k < BATCH_PACKETS; k++) this.writeCounters(k * perPacket * BLOCK, perPacket, ssrc, index + k);
    this.stream = this.ecb.update(this.counters);
    this.ssrc = ssrc;
    this.firstIndex = index;
    this.blocksPerPacket = perPacket;
  }

  /**
   * Counter block j of a packet: salt·2^16 ⊕ SSRC·2^64 ⊕ index·2^16, plus j in the low 16 bits (which the salt's
   * shift leaves zero). Byte loops, not Buffer#copy: for 14 bytes its call costs more than the copy (profiled).
   */
  private writeCounters(at: number, blocks: number, ssrc: number, index: number): void {
    const counters = this.counters;
    const salt = this.salt;
    const roc = Math.floor(index / 0x10000) >>> 0; // the index of a ROC of 2^32 − 1 plus one wraps, as werift's
    const seq = index & 0xffff;
    for (let i = 0; i < 4; i++) counters[at + i] = salt[i] as number;
    for (let i = 4; i < 8; i++) counters[at + i] = (salt[i] as number) ^ ((ssrc >>> (8 * (7 - i))) & 0xff);
    for (let i = 8; i < 12; i++) counters[at + i] = (salt[i] as number) ^ ((roc >>> (8 * (11 - i))) & 0xff);
    counters[at + 12] = (salt[12] as number) ^ (seq >>> 8);
    counters[at + 13] = (salt[13] as number) ^ (seq & 0xff);
    counters[at + 14] = 0;
    counters[at + 15] = 0;
    for (let j = 1; j < blocks; j++) {
      const block = at + j * BLOCK;
      for (let i = 0; i < 14; i++) counters[block + i] = counters[at + i] as number;
      counters[block + 14] = j >>> 8;
      counters[block + 15] = j & 0xff;
    }
  }
}
