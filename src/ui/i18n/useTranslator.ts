/**
 * The Translator for the app's locale and the host's messages. A locale whose catalog is a lazy chunk not loaded yet
 * keeps the last translator that was ready (a runtime switch shows the old language until the new one arrives); on
 * the first render there is none, and the app shows its loading status. A failed load falls back to English (Intl
 * still formats for the locale); the next locale change or mount tries the chunk again.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { isCatalogReady, loadCatalog, type MessageOverrides } from './catalog';
import { createTranslator, usableLocale, type Translator } from './translator';

export function useTranslator(locale: string | undefined, messages: MessageOverrides | undefined): Translator | null {
  const resolved = usableLocale(locale);
  const messagesKey = JSON.stringify(messages ?? {});
  const [failedLocale, setFailedLocale] = useState<string | null>(null);
  const [, setLoaded] = useState(0);
  const ready = isCatalogReady(resolved) || failedLocale === resolved;
  const translator = useMemo(
    () => (ready ? createTranslator(resolved, messages) : null),
    [resolved, messagesKey, ready],
  );
  const lastReady = useRef<Translator | null>(null);
  if (translator) lastReady.current = translator;
  useEffect(() => {
    if (ready) return undefined;
    let live = true;
    loadCatalog(resolved).then(
      () => live && setLoaded((n) => n + 1),
      () => live && setFailedLocale(resolved),
    );
    return () => {
      live = false;
    };
  }, [resolved, ready]);
  return translator ?? lastReady.current;
}
