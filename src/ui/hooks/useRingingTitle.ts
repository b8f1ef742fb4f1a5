import { useEffect } from 'react';

/**
 * Shows `ringingTitle` as the document title while mounted with `active`, so a ringing call is visible
 * in the tab strip even when autoplay blocks the ringtone. The previous title comes back afterwards,
 * unless someone else changed the title meanwhile (then theirs wins).
 */
export function useRingingTitle(active: boolean, ringingTitle: string): void {
  useEffect(() => {
    if (!active || typeof document === 'undefined') return undefined;
    const previous = document.title;
    const shown = `${ringingTitle} · ${previous}`;
    document.title = shown;
    return () => {
      if (document.title === shown) document.title = previous;
    };
  }, [active, ringingTitle]);
}
