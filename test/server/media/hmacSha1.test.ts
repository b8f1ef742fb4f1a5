import { createHmac, randomBytes } from 'node:crypto';
import { HmacSha1 } from '../../../server/media/hmacSha1';

function nodeHmac(key: Buffer, data: Buffer, suffix: number): Buffer {
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(suffix >>> 0);
  return createHmac('sha1', key).update(data).update(tail).digest();
}

describe('HmacSha1 (SRTP auth tags)', () => {
  it('matches RFC 2202 test case 1 (key 0x0b × 20, "Hi There")', () => {
    const out = Buffer.alloc(20);
    // "Hi T" as the data and "here" as the 4-byte suffix.
    new HmacSha1(Buffer.alloc(20, 0x0b)).sign(Buffer.from('Hi T'), 4, Buffer.from('here').readUInt32BE(0), out, 0, 20);
    expect(out.toString('hex')).toBe('b617318655057264e28bc0b6fb378c8ef146be00');
  });

  it("is byte-exact with Node's createHmac for every length across the block and padding boundaries", () => {
    for (let length = 0; length <= 300; length++) {
      const key = randomBytes(20);
      const data = randomBytes(length);
      const suffix = (Math.random() * 2 ** 32) >>> 0;
      const out = Buffer.alloc(30, 0xee);
      new HmacSha1(key).sign(data, length, suffix, out, 5, 20);
      expect(out.subarray(5, 25).toString('hex')).toBe(nodeHmac(key, data, suffix).toString('hex'));
      expect(out.subarray(0, 5).equals(Buffer.alloc(5, 0xee))).toBe(true);
      expect(out.subarray(25).equals(Buffer.alloc(5, 0xee))).toBe(true);
    }
  });

  it('signs only data[0..end), and one instance signs many messages (its states are reused, not consumed)', () => {
    const key = randomBytes(20);
    const hmac = new HmacSha1(key);
    for (let i = 0; i < 50; i++) {
      const data = randomBytes(100 + i);
      const end = 60 + i;
      const tag = Buffer.alloc(10);
      hmac.sign(data, end, i, tag, 0, 10);
      expect(tag.equals(nodeHmac(key, data.subarray(0, end), i).subarray(0, 10))).toBe(true);
    }
  });
});
