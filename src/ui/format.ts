/** Display helpers that do not depend on the language. */
import type { Translator } from './i18n/translator';

/** Call message content as display text (strings verbatim, anything else as JSON). Never HTML. */
export function messageContentText(content: unknown): string {
  if (typeof content === 'string') return content;
  try {
    return JSON.stringify(content) ?? String(content);
  } catch {
    return String(content);
  }
}

/** UTF-8 size of a string, for the call message size limit. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** The other party of a call as shown to people: `client:bob` → `bob`. */
export function partyName(value: string | null, t: Translator['t']): string {
  if (!value) return t('party.unknown');
  return value.startsWith('client:') ? value.slice('client:'.length) : value;
}

/** The other party of a call: the callee of an outgoing call, the caller of an incoming one. */
export function peerOf(call: { direction: 'incoming' | 'outgoing'; from: string | null; to: string | null }) {
  return call.direction === 'outgoing' ? call.to : call.from;
}
