import { randomBytes } from 'node:crypto';
import nacl from 'tweetnacl';
import { useNativeX25519ForWerift, x25519, x25519KeyPair } from '../../../server/media/nativeX25519';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('native X25519 for werift’s DTLS', () => {
  test('matches RFC 7748 §5.2’s first test vector', () => {
    const scalar = Buffer.from('a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4', 'hex');
    const point = Buffer.from('e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c', 'hex');
    expect(hex(x25519(scalar, point))).toBe('c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552');
  });

  test('gives the same shared secrets and public keys as tweetnacl for random keys', () => {
    for (let i = 0; i < 10; i += 1) {
      const ours = x25519KeyPair();
      const theirs = nacl.box.keyPair();
      expect(hex(ours.publicKey)).toBe(hex(nacl.scalarMult.base(ours.secretKey)));
      expect(hex(x25519(ours.secretKey, theirs.publicKey))).toBe(
        hex(nacl.scalarMult(ours.secretKey, theirs.publicKey)),
      );
      const scalar = new Uint8Array(randomBytes(32));
      expect(hex(x25519(scalar, theirs.publicKey))).toBe(hex(nacl.scalarMult(scalar, theirs.publicKey)));
    }
  });

  test('once installed, the tweetnacl werift loads computes natively with the same results', () => {
    const a = nacl.box.keyPair();
    const b = nacl.box.keyPair();
    const expected = hex(nacl.scalarMult(a.secretKey, b.publicKey));
    const pristine = nacl.scalarMult;
    useNativeX25519ForWerift();
    expect(nacl.scalarMult).not.toBe(pristine);
    expect(hex(nacl.scalarMult(a.secretKey, b.publicKey))).toBe(expected);
    const pair = nacl.box.keyPair();
    // werift reads the keys through `.buffer`: each must own exactly its 32 bytes.
    expect(pair.secretKey.buffer.byteLength).toBe(32);
    expect(pair.publicKey.buffer.byteLength).toBe(32);
    expect(hex(nacl.scalarMult.base(pair.secretKey))).toBe(hex(pair.publicKey));
  });
});
