/**
 * Where a shortcut may fire: inside this softphone (but never while a text field has focus, so typing never
 * answers or hangs up a call), or with nothing focused on the page, and then only in the first softphone that
 * listens (two phones on one page must not both answer). Never while the host page's own controls have focus.
 */
const owners: object[] = [];

export function claimPageShortcuts(owner: object): () => void {
  owners.push(owner);
  return () => {
    const index = owners.indexOf(owner);
    if (index >= 0) owners.splice(index, 1);
  };
}

export function isEditable(element: Element | null): boolean {
  if (!element) return false;
  if (element instanceof HTMLElement && element.isContentEditable) return true;
  const tag = element.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (element as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'range', 'reset', 'submit', 'color', 'file', 'image'].includes(type);
}

export function shortcutAllowed(owner: object, root: Element | null, target: EventTarget | null): boolean {
  const element = target instanceof Element ? target : null;
  if (isEditable(element)) return false;
  if (root && element && root.contains(element)) return true;
  const nothingFocused = !element || element === document.body || element === document.documentElement;
  return nothingFocused && owners[0] === owner;
}
