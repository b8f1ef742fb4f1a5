import { randomBytes } from 'node:crypto';
import { RtpHeader, SrtpSession } from 'werift';
import { AesCmRtpCipher, SRTP_AES128_CM_HMAC_SHA1_80 } from '../../../server/media/aesCmCipher';
import {
  decryptSrtp,
  encryptSrtp,
  OutboundHeader,
  RTP_HEADER_BYTES,
  type SrtpSessionInternals,
} from '../../../server/media/srtpPath';

const SRTP_AEAD_AES_128_GCM = 0x0007;
type Keys = { key: Buffer; salt: Buffer };

function keysFor(profile: number): Keys {
  return { key: randomBytes(16), salt: randomBytes(profile === SRTP_AEAD_AES_128_GCM ? 12 : 14) };
}

/** A werift SRTP session that protects with `local` and unprotects with `remote`. */
function session(profile: number, local: Keys, remote: Keys): SrtpSessionInternals {
  return new SrtpSession({
    profile,
    keys: {
      localMasterKey: local.key,
      localMasterSalt: local.salt,
      remoteMasterKey: remote.key,
      remoteMasterSalt: remote.salt,
    },
  }) as unknown as SrtpSessionInternals;
}

function header(sequenceNumber: number, ssrc = 0x11223344): OutboundHeader {
  const h = new OutboundHeader();
  h.ssrc = ssrc;
  h.payloadType = 111;
  h.sequenceNumber = sequenceNumber & 0xffff;
  h.timestamp = (sequenceNumber * 960) >>> 0;
  h.marker = sequenceNumber % 7 === 0;
  return h;
}

/** werift's own protection of the same packet, through its RtpHeader. */
function weriftEncrypt(s: SrtpSessionInternals, h: OutboundHeader, payload: Buffer): Buffer {
  const rtpHeader = new RtpHeader({
    ssrc: h.ssrc,
    payloadType: h.payloadType,
    sequenceNumber: h.sequenceNumber,
    timestamp: h.timestamp,
    marker: h.marker,
  });
  return (s as unknown as { encrypt(p: Buffer, h: RtpHeader): Buffer }).encrypt(payload, rtpHeader);
}

/** Sequence numbers across the 16-bit wrap twice (rollover counter 0 → 1 → 2), with late packets and gaps. */
const SEQUENCES = [65530, 65531, 65533, 65532, 65534, 65535, 0, 1, 3, 2, 4, 65535, 5, 30000, 65500, 65535, 0, 1, 2];
const SIZES = [0, 1, 15, 16, 17, 100, 160, 1000];

describe('AES_CM_128_HMAC_SHA1_80 (server/media/aesCmCipher.ts, srtpPath.ts)', () => {
  it("produces RFC 3711 B.2's AES-CM keystream", () => {
    const key = Buffer.from('2B7E151628AED2A6ABF7158809CF4F3C', 'hex');
    const salt = Buffer.from('F0F1F2F3F4F5F6F7F8F9FAFBFCFD', 'hex');
    const cipher = new AesCmRtpCipher(key, salt, Buffer.alloc(20));
    // SSRC 0, sequence number 0, ROC 0, an all-zero payload of 0xFF02 blocks: the ciphertext is the keystream.
    const blocks = 0xff02;
    const packet = Buffer.alloc(12 + blocks * 16 + 10);
    packet[0] = 0x80;
    cipher.protect(packet, 12, 12 + blocks * 16, 0);
    const block = (n: number) =>
      packet
        .subarray(12 + n * 16, 12 + (n + 1) * 16)
        .toString('hex')
        .toUpperCase();
    expect(block(0x0000)).toBe('E03EAD0935C95E80E166B16DD92B4EB4');
    expect(block(0x0001)).toBe('D23513162B02D0F72A43A2FE4A5F97AB');
    expect(block(0x0002)).toBe('41E95B3BB0A2E8DD477901E4FCA894C0');
    expect(block(0xfeff)).toBe('EC8CDF7398607CB0F2D21675EA9EA1E4');
    expect(block(0xff00)).toBe('362B7C3C6773516318A077D7FC5073AE');
    expect(block(0xff01)).toBe('6A2CC3787889374FBEB4C81B17BA6C44');
  });

  it("protects byte for byte as werift's SRTP context, across rollovers and payload sizes, same ROC state", () => {
    const local = keysFor(SRTP_AES128_CM_HMAC_SHA1_80);
    const remote = keysFor(SRTP_AES128_CM_HMAC_SHA1_80);
    const ours = session(SRTP_AES128_CM_HMAC_SHA1_80, local, remote);
    const theirs = session(SRTP_AES128_CM_HMAC_SHA1_80, local, remote);
    SEQUENCES.forEach((seq, i) => {
      const payload = randomBytes(SIZES[i % SIZES.length] as number);
      const mine = encryptSrtp(ours, header(seq), payload);
      expect(mine.toString('hex')).toBe(weriftEncrypt(theirs, header(seq), payload).toString('hex'));
    });
    expect(ours.localContext.srtpSSRCStates).toEqual(theirs.localContext.srtpSSRCStates);
  });

  it("keeps werift's bytes on in-order streams (keystream batches): two SSRCs interleaved, a wrap, sizes changing", () => {
    const local = keysFor(SRTP_AES128_CM_HMAC_SHA1_80);
    const remote = keysFor(SRTP_AES128_CM_HMAC_SHA1_80);
    const ours = session(SRTP_AES128_CM_HMAC_SHA1_80, local, remote);
    const theirs = session(SRTP_AES128_CM_HMAC_SHA1_80, local, remote);
    const receiver = session(SRTP_AES128_CM_HMAC_SHA1_80, remote, local);
    const sizes = [160, 160, 40, 300, 160, 0, 17, 1, 500, 20, 20, 20, 20, 20];
    for (let n = 0; n < 120; n++) {
      const ssrc = n % 3 === 2 ? 0x0badcafe : 0x11223344;
      const seq = 65480 + n - (ssrc === 0x0badcafe ? 30_000 : 0) + (n > 90 ? 1 : 0); // a lost packet at 91
      const payload = randomBytes(sizes[n % sizes.length] as number);
      const mine = encryptSrtp(ours, header(seq, ssrc), payload);
      expect(mine.toString('hex')).toBe(weriftEncrypt(theirs, header(seq, ssrc), payload).toString('hex'));
      const decrypted = decryptSrtp(receiver.remoteContext, Buffer.from(mine));
      expect(decrypted?.plain.subarray(RTP_HEADER_BYTES).equals(payload)).toBe(true);
    }
    expect(ours.localContext.srtpSSRCStates).toEqual(theirs.localContext.srtpSSRCStates);
  });

  it.each([
    ['AES_CM_128_HMAC_SHA1_80 (ours)', SRTP_AES128_CM_HMAC_SHA1_80],
    ['AEAD_AES_128_GCM (werift)', SRTP_AEAD_AES_128_GCM],
  ])('%s: unprotects what werift protects, as werift would, and drops forged packets', (_name, profile) => {
    const browser = keysFor(profile);
    const server = keysFor(profile);
    const sender = session(profile, browser, server);
    const ours = session(profile, server, browser);
    const theirs = session(profile, server, browser);
    SEQUENCES.forEach((seq, i) => {
      const payload = randomBytes(SIZES[i % SIZES.length] as number);
      const packet = weriftEncrypt(sender, header(seq), payload);
      if (i % 5 === 3) {
        // A flipped bit anywhere (header, payload, tag) fails authentication; the ROC state is not touched.
        const forged = Buffer.from(packet);
        const at = [1, 5, 12, forged.length - 1][i % 4] as number;
        forged[at] = (forged[at] as number) ^ 0x10;
        const before = JSON.stringify(ours.remoteContext.srtpSSRCStates);
        expect(decryptSrtp(ours.remoteContext, forged)).toBeNull();
        expect(JSON.stringify(ours.remoteContext.srtpSSRCStates)).toBe(before);
      }
      const [expected] = (theirs.remoteContext as unknown as { decryptRtp(b: Buffer): [Buffer] }).decryptRtp(
        Buffer.from(packet),
      );
      const decrypted = decryptSrtp(ours.remoteContext, Buffer.from(packet));
      expect(decrypted?.plain.toString('hex')).toBe(expected.toString('hex'));
      expect(decrypted?.header.sequenceNumber).toBe(seq & 0xffff);
      expect(decrypted?.plain.subarray(decrypted.header.payloadOffset).equals(payload)).toBe(true);
    });
    expect(ours.remoteContext.srtpSSRCStates).toEqual(theirs.remoteContext.srtpSSRCStates);
  });
});
