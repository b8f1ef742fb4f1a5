/**
 * Whether the softphone may move focus (to a ringing call's Accept): only when the person is not typing. Typing
 * means a text field has focus, or a key went down moments ago; focus on the host page's own controls is never
 * taken either. So a key meant for the dial box (or the host's form) can never answer a call.
 */
import { isEditable } from './shortcuts/scope';

const TYPING_GRACE_MS = 1500;
let lastKeyAt = Number.NEGATIVE_INFINITY;
let listening = false;

/** Starts noticing key presses anywhere on the page (once per page). */
export function trackTyping(): void {
  if (listening || typeof document === 'undefined') return;
  listening = true;
  document.addEventListener(
    'keydown',
    () => {
      lastKeyAt = performance.now();
    },
    true,
  );
}

export function mayTakeFocus(root: Element | null): boolean {
  if (performance.now() - lastKeyAt < TYPING_GRACE_MS) return false;
  const active = document.activeElement;
  if (!active || active === document.body || active === document.documentElement) return true;
  if (isEditable(active)) return false;
  return root !== null && root.contains(active);
}

/** The softphone section an element belongs to (the layout marks it). */
export function softphoneRootOf(element: Element | null): Element | null {
  return element?.closest('[data-softphone]') ?? null;
}
