import { createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';

/**
 * werift's DTLS does its X25519 key exchange with tweetnacl, in JavaScript: a key pair and a shared secret cost
 * ≈ 8 ms of CPU per handshake (profiled: tweetnacl's `M` and `crypto_scalarmult` were the top frames of the call
 * setup), on the path of every call's media. Node has X25519 natively (OpenSSL, ≈ 0.1 ms). This replaces the two
 * tweetnacl functions werift calls (`box.keyPair`, `scalarMult`) with the native ones; the results are the same bytes
 * (RFC 7748, clamped scalars; test/server/media/nativeX25519.test.ts compares them with tweetnacl's own).
 */

/** DER prefixes of an X25519 key (RFC 8410): PKCS#8 private key and SubjectPublicKeyInfo, before the 32 raw bytes. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');

interface Tweetnacl {
  scalarMult: ((n: Uint8Array, p: Uint8Array) => Uint8Array) & { base: (n: Uint8Array) => Uint8Array };
  box: { keyPair: (() => { publicKey: Uint8Array; secretKey: Uint8Array }) & Record<string, unknown> };
}

const privateKeyOf = (raw: Uint8Array): KeyObject =>
  createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, raw]), format: 'der', type: 'pkcs8' });
const publicKeyOf = (raw: Uint8Array): KeyObject =>
  createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
const rawOf = (der: Buffer): Uint8Array => new Uint8Array(der.subarray(der.length - 32));

/** X25519(scalar, point): the shared secret, 32 bytes. */
export function x25519(scalar: Uint8Array, point: Uint8Array): Uint8Array {
  return new Uint8Array(diffieHellman({ privateKey: privateKeyOf(scalar), publicKey: publicKeyOf(point) }));
}

/** A fresh X25519 key pair in tweetnacl's shape. */
export function x25519KeyPair(): { publicKey: Uint8Array; secretKey: Uint8Array } {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return {
    publicKey: rawOf(publicKey.export({ format: 'der', type: 'spki' })),
    secretKey: rawOf(privateKey.export({ format: 'der', type: 'pkcs8' })),
  };
}

let installed = false;

/** Makes the tweetnacl copy werift loads use native X25519 (once per process). */
export function useNativeX25519ForWerift(): void {
  if (installed) return;
  installed = true;
  // The copy werift itself resolves, wherever the package manager put it.
  const fromWerift = createRequire(createRequire(import.meta.url).resolve('werift'));
  const nacl = fromWerift('tweetnacl') as Tweetnacl;
  const base = nacl.scalarMult.base;
  nacl.scalarMult = Object.assign((n: Uint8Array, p: Uint8Array) => x25519(n, p), { base });
  nacl.box.keyPair = Object.assign(() => x25519KeyPair(), nacl.box.keyPair);
}
