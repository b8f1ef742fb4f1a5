import { randomBytes } from 'node:crypto';

/** Twilio-style SID: two-letter prefix + 32 lowercase hex characters. */
export function makeSid(prefix: 'CA' | 'CF' | 'KX' | 'RT'): string {
  return prefix + randomBytes(16).toString('hex');
}
