import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { X509Certificate, createPrivateKey, randomUUID } from 'node:crypto';
import selfsigned from 'selfsigned';

export interface TlsMaterial {
  key: string;
  cert: string;
}

const KEY_FILE = 'localhost-key.pem';
const CERT_FILE = 'localhost-cert.pem';
/** Names the certificate must cover: the page origin and the host the SDK's insights publisher derives from it. */
const HOSTNAMES = ['localhost', 'eventgw.localhost'];
const RENEW_BEFORE_MS = 7 * 24 * 3600 * 1000;

async function readExisting(dir: string): Promise<TlsMaterial | null> {
  try {
    const [key, cert] = await Promise.all([
      readFile(path.join(dir, KEY_FILE), 'utf8'),
      readFile(path.join(dir, CERT_FILE), 'utf8'),
    ]);
    const x509 = new X509Certificate(cert);
    const coversAll = HOSTNAMES.every((h) => x509.checkHost(h) !== undefined);
    const fresh = Date.parse(x509.validTo) - Date.now() > RENEW_BEFORE_MS;
    const matches = x509.checkPrivateKey(createPrivateKey(key));
    return coversAll && fresh && matches ? { key, cert } : null;
  } catch {
    return null;
  }
}

/** Loads the self-signed localhost certificate from `dir`, generating (and keeping) one on first run. */
export async function loadOrCreateCertificate(dir: string): Promise<TlsMaterial> {
  const existing = await readExisting(dir);
  if (existing) return existing;
  const notAfter = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  const generated = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...HOSTNAMES.map((value) => ({ type: 2 as const, value })),
          { type: 7 as const, ip: '127.0.0.1' },
          { type: 7 as const, ip: '::1' },
        ],
      },
    ],
  });
  await mkdir(dir, { recursive: true });
  // Write-then-rename so concurrent first starts never leave a half-written file behind.
  await writeAtomically(path.join(dir, KEY_FILE), generated.private, 0o600);
  await writeAtomically(path.join(dir, CERT_FILE), generated.cert, 0o644);
  return { key: generated.private, cert: generated.cert };
}

async function writeAtomically(file: string, content: string, mode: number): Promise<void> {
  const temp = `${file}.${randomUUID()}.tmp`;
  await writeFile(temp, content, { mode });
  await rename(temp, file);
}
