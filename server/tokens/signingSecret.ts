import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

const SECRET_FILE = 'signing-secret';
const SECRET_PATTERN = /^[0-9a-f]{64}$/;

/**
 * The local mode's token signing secret, kept beside the certificate so a server restart invalidates no
 * token a browser holds (a new random secret per start left every phone unregistered with 20101). A
 * missing or malformed file is replaced by a new random secret; the file is readable by its owner only.
 */
export async function loadOrCreateSigningSecret(dir: string): Promise<string> {
  const file = path.join(dir, SECRET_FILE);
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (SECRET_PATTERN.test(existing)) return existing;
  } catch {
    // First start: made below.
  }
  const secret = randomBytes(32).toString('hex');
  await mkdir(dir, { recursive: true });
  // Write-then-rename so concurrent first starts never read a half-written file.
  const temp = `${file}.${randomUUID()}.tmp`;
  await writeFile(temp, `${secret}\n`, { mode: 0o600 });
  await rename(temp, file);
  // Two first starts at once: both renamed; the last one wins, so read back what is on disk.
  return (await readFile(file, 'utf8')).trim();
}
