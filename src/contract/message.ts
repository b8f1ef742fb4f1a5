/** Call messages (`Call.sendMessage`): Twilio's size limit and the default message type. */
import * as z from 'zod/mini';
import type { Check } from './check.js';

/** Twilio limits a call message's content to 10 KB. */
export const MAX_MESSAGE_BYTES = 10 * 1024;
export const DEFAULT_MESSAGE_TYPE = 'user-defined-message';
export const MessageTypeSchema = z.string().check(z.minLength(1), z.maxLength(64));

/** UTF-8 length of a string, without TextEncoder (absent in some test environments). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** Every UTF-16 unit takes 1 to 3 UTF-8 bytes: only texts in between need counting. */
export function exceedsUtf8Bytes(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return utf8ByteLength(text) > limit;
}

export function checkMessage(content: unknown, messageType: unknown): Check {
  if (!MessageTypeSchema.safeParse(messageType).success) {
    return { ok: false, reason: 'messageType must be a non-empty string of at most 64 characters.' };
  }
  if (content === undefined || content === null) return { ok: false, reason: 'Message content is empty.' };
  let serialized: string | undefined;
  try {
    serialized = JSON.stringify(content);
  } catch {
    return { ok: false, reason: 'Message content must be JSON-serialisable.' };
  }
  if (serialized === undefined) return { ok: false, reason: 'Message content must be JSON-serialisable.' };
  if (exceedsUtf8Bytes(serialized, MAX_MESSAGE_BYTES)) {
    return { ok: false, reason: `Message content exceeds ${MAX_MESSAGE_BYTES} bytes once serialised.` };
  }
  return { ok: true };
}
