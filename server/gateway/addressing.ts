import { isValidIdentity } from '../tokens/identity.js';

/** How the gateway reads the `To` of a call: a client identity (`client:bob` / `bob`) or an E.164 number. */
const E164 = /^\+[1-9]\d{1,14}$/;
export const CLIENT_PREFIX = 'client:';

export function isE164Number(target: string): boolean {
  return E164.test(target);
}

/** `client:bob` or `bob` → `bob`; anything else (numbers, SIP) → null. */
export function clientIdentityOf(target: string): string | null {
  const name = target.startsWith(CLIENT_PREFIX) ? target.slice(CLIENT_PREFIX.length) : target;
  return isValidIdentity(name) && !isE164Number(name) ? name : null;
}

/** Parses the SDK's `twilio.params` query string (custom parameters, including `To`). */
export function parseQuery(query: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!query) return out;
  for (const [key, value] of new URLSearchParams(query)) out[key] = value;
  return out;
}

export function toQuery(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}
