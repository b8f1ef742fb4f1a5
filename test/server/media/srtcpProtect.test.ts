import { randomBytes } from 'node:crypto';
import { SrtcpSession, SrtpAuthenticationError } from 'werift';
import { SRTP_AES128_CM_HMAC_SHA1_80 } from '../../../server/media/aesCmCipher';
import { protectRtcpWithOurCipher, type SrtcpSessionInternals } from '../../../server/media/srtcpProtect';

const SRTP_AEAD_AES_128_GCM = 0x0007;

function keys(profile: number): { key: Buffer; salt: Buffer } {
  return { key: randomBytes(16), salt: randomBytes(profile === SRTP_AEAD_AES_128_GCM ? 12 : 14) };
}

function srtcp(profile: number, local: ReturnType<typeof keys>, remote: ReturnType<typeof keys>): SrtcpSession {
  return new SrtcpSession({
    profile,
    keys: {
      localMasterKey: local.key,
      localMasterSalt: local.salt,
      remoteMasterKey: remote.key,
      remoteMasterSalt: remote.salt,
    },
  } as ConstructorParameters<typeof SrtcpSession>[0]);
}

/** A compound-looking report: version 2, a packet type, the SSRC at bytes 4–7, then a body of `bytes`. */
function report(ssrc: number, bytes: number): Buffer {
  const raw = Buffer.concat([Buffer.alloc(8), randomBytes(bytes)]);
  raw[0] = 0x80;
  raw[1] = 200;
  raw.writeUInt32BE(ssrc, 4);
  return raw;
}

const internals = (s: SrtcpSession): SrtcpSessionInternals => s as unknown as SrtcpSessionInternals;

describe('SRTCP protection of sent reports (server/media/srtcpProtect.ts)', () => {
  it("protects byte for byte as werift's SRTCP context, SSRC by SSRC, with the same index state", () => {
    const local = keys(SRTP_AES128_CM_HMAC_SHA1_80);
    const remote = keys(SRTP_AES128_CM_HMAC_SHA1_80);
    const ours = srtcp(SRTP_AES128_CM_HMAC_SHA1_80, local, remote);
    const theirs = srtcp(SRTP_AES128_CM_HMAC_SHA1_80, local, remote);
    const receiver = srtcp(SRTP_AES128_CM_HMAC_SHA1_80, remote, local);
    // The replacement is installed on werift's real context (fails if werift's context changes shape).
    expect(protectRtcpWithOurCipher(internals(ours))).toBe(true);
    expect(protectRtcpWithOurCipher(internals(ours))).toBe(true);
    const index = internals(theirs).localContext.getSrtcpSsrcState(0x0badcafe);
    index.srtcpIndex = 0x7ffffffd; // the 31-bit index wraps to 0 on this SSRC
    internals(ours).localContext.getSrtcpSsrcState(0x0badcafe).srtcpIndex = 0x7ffffffd;
    for (let n = 0; n < 40; n++) {
      const raw = report(n % 3 === 0 ? 0x0badcafe : 0x11223344, [0, 1, 16, 20, 44, 100][n % 6] as number);
      const mine = ours.encrypt(Buffer.from(raw));
      expect(mine.toString('hex')).toBe(theirs.encrypt(Buffer.from(raw)).toString('hex'));
      expect(receiver.decrypt(mine).equals(raw)).toBe(true);
    }
    const states = (s: SrtcpSession) => JSON.stringify(internals(s).localContext.getSrtcpSsrcState(0x0badcafe));
    expect(states(ours)).toBe(states(theirs));
    expect(internals(ours).localContext.getSrtcpSsrcState(0x0badcafe).srtcpIndex).toBeLessThan(20);
  });

  it("unprotects the browser's reports as werift does, and refuses forged or short ones with werift's error", () => {
    const browser = keys(SRTP_AES128_CM_HMAC_SHA1_80);
    const server = keys(SRTP_AES128_CM_HMAC_SHA1_80);
    const sender = srtcp(SRTP_AES128_CM_HMAC_SHA1_80, browser, server);
    const ours = srtcp(SRTP_AES128_CM_HMAC_SHA1_80, server, browser);
    const theirs = srtcp(SRTP_AES128_CM_HMAC_SHA1_80, server, browser);
    expect(protectRtcpWithOurCipher(internals(ours))).toBe(true);
    internals(sender).localContext.getSrtcpSsrcState(0x0badcafe).srtcpIndex = 0x7ffffff0;
    for (let n = 0; n < 30; n++) {
      const raw = report(n % 2 ? 0x0badcafe : 0x11223344, [0, 4, 20, 44, 100][n % 5] as number);
      const packet = sender.encrypt(raw);
      const [mine, header] = internals(ours).remoteContext.decryptRTCP(Buffer.from(packet));
      const [expected, expectedHeader] = internals(theirs).remoteContext.decryptRTCP(Buffer.from(packet));
      expect(mine.toString('hex')).toBe(expected.toString('hex'));
      expect(mine.equals(raw)).toBe(true);
      expect(header).toEqual(expectedHeader);
      // A flipped bit anywhere (header, body, E ‖ index, tag) fails authentication, as with werift.
      const forged = Buffer.from(packet);
      const at = [1, 5, 9, forged.length - 12, forged.length - 1][n % 5] as number;
      forged[at] = (forged[at] as number) ^ 0x04;
      expect(() => ours.decrypt(forged)).toThrow(SrtpAuthenticationError);
      expect(() => theirs.decrypt(forged)).toThrow(SrtpAuthenticationError);
    }
    expect(() => ours.decrypt(Buffer.alloc(21))).toThrow(SrtpAuthenticationError);
  });

  it("leaves another profile (AEAD GCM) to werift's own cipher", () => {
    const session = srtcp(SRTP_AEAD_AES_128_GCM, keys(SRTP_AEAD_AES_128_GCM), keys(SRTP_AEAD_AES_128_GCM));
    const before = internals(session).localContext.encryptRTCP;
    const beforeDecrypt = internals(session).remoteContext.decryptRTCP;
    expect(protectRtcpWithOurCipher(internals(session))).toBe(false);
    expect(internals(session).localContext.encryptRTCP).toBe(before);
    expect(internals(session).remoteContext.decryptRTCP).toBe(beforeDecrypt);
  });
});
