/**
 * What `dial` accepts as `to`: `client:NAME` or an E.164 number. Shared by the dial pad, the bus and the
 * service, so a number refused in the dial pad is refused identically over the bus. Loads libphonenumber's
 * metadata statically: for the server and tests; the browser bundle checks through phoneNumbers.ts, which loads
 * the metadata on demand (the rules themselves are dialTargetRules.ts).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { parseDialTargetWith, type DialTargetResult } from './dialTargetRules.js';

export type { DialTarget, DialTargetResult } from './dialTargetRules.js';

/**
 * Accepts `client:NAME` (Twilio client identity) or a phone number in E.164 (`+` and country code).
 * Spaces, dashes and brackets in numbers are tolerated and normalised away.
 */
export function parseDialTarget(input: string): DialTargetResult {
  return parseDialTargetWith((raw) => parsePhoneNumberFromString(raw), input);
}
