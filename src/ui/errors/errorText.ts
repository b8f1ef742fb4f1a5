/**
 * An error code in the person's language: the catalog's title and next step for known codes (Twilio's numbers
 * and the contract's codes), the service's own message for codes the catalog does not know.
 */
import { isMessageKey } from '../i18n/catalog';
import type { Translator } from '../i18n/translator';

export interface ErrorText {
  title: string;
  /** What to do next; null when the catalog has no advice for this code. */
  next: string | null;
  /** Whether the catalog knew the code (else the title is the service's message). */
  known: boolean;
}

export function errorText(code: string | number | null, fallback: string, i18n: Translator): ErrorText {
  const title = code === null ? null : `err.${code}.title`;
  const next = code === null ? null : `err.${code}.next`;
  if (title && isMessageKey(title)) {
    return { title: i18n.t(title), next: next && isMessageKey(next) ? i18n.t(next) : null, known: true };
  }
  return { title: fallback || i18n.t('error.unexpected'), next: null, known: false };
}
