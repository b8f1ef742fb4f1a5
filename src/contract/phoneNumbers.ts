/**
 * libphonenumber (its metadata is most of its 33 KB gz) on demand, for the browser: a lazy chunk loaded when a
 * number is dialled or the dial pad is idle, never to mount the parcel. `checkDialTarget` is parseDialTarget's
 * answer (dialTargetRules.ts) without loading the metadata for `client:` targets or malformed input.
 */
import { parseDialTargetWith, readDialTargetShape, type DialTargetResult } from './dialTargetRules.js';

export type PhoneNumbers = typeof import('./phoneNumberLibrary.js');

let loaded: PhoneNumbers | null = null;
let loading: Promise<PhoneNumbers> | null = null;

export function loadPhoneNumbers(): Promise<PhoneNumbers> {
  loading ??= import(/* webpackChunkName: "phone-numbers" */ './phoneNumberLibrary.js').then(
    (phoneNumbers) => (loaded = phoneNumbers),
    (error: unknown) => {
      loading = null; // a later call retries a chunk that failed to load
      throw error;
    },
  );
  return loading;
}

/** The library once loaded, else null (the caller then waits for loadPhoneNumbers()). */
export function loadedPhoneNumbers(): PhoneNumbers | null {
  return loaded;
}

/** parseDialTarget, loading the metadata only for a well-formed number. */
export async function checkDialTarget(input: string): Promise<DialTargetResult> {
  const shape = readDialTargetShape(input);
  if (shape.ok !== 'number') return shape;
  const { parsePhoneNumberFromString } = loaded ?? (await loadPhoneNumbers());
  return parseDialTargetWith((raw) => parsePhoneNumberFromString(raw), input);
}
