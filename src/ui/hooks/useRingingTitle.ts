import { useEffect } from 'react';

/**
 * Ringing calls shown in the document title, shared by every softphone on the page so overlapping calls
 * (two parcels, or two incoming calls) restore the host's own title exactly once, when the last stops.
 */
const ringing = new Map<symbol, string>();
let hostTitle = '';
let shownTitle: string | null = null;

function render(): void {
  const latest = Array.from(ringing.values()).pop();
  if (latest === undefined) {
    // Someone else changed the title meanwhile: theirs wins.
    if (shownTitle !== null && document.title === shownTitle) document.title = hostTitle;
    shownTitle = null;
    return;
  }
  if (shownTitle !== null && document.title !== shownTitle) hostTitle = document.title;
  shownTitle = `${latest} · ${hostTitle}`;
  document.title = shownTitle;
}

/**
 * Shows `ringingTitle` in the document title while `active`, so a ringing call is visible in the tab
 * strip even when autoplay blocks the ringtone. The previous title comes back afterwards.
 */
export function useRingingTitle(active: boolean, ringingTitle: string): void {
  useEffect(() => {
    if (!active || typeof document === 'undefined') return undefined;
    const key = Symbol('ringing');
    if (ringing.size === 0) hostTitle = document.title;
    ringing.set(key, ringingTitle);
    render();
    return () => {
      ringing.delete(key);
      render();
    };
  }, [active, ringingTitle]);
}
