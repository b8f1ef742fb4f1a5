/**
 * Keyboard shortcut combos ("Alt+Shift+A"): the default map, parsing, and matching against a keydown. Letters
 * and digits match by physical key (`event.code`), so Alt combos work on every layout and on macOS, where
 * Option changes the typed character.
 */
export const SHORTCUT_ACTIONS = ['answer', 'reject', 'mute', 'hold', 'hangup', 'focusDial'] as const;
export type ShortcutAction = (typeof SHORTCUT_ACTIONS)[number];
export type ShortcutMap = Readonly<Partial<Record<ShortcutAction, string>>>;

export const DEFAULT_SHORTCUTS: Readonly<Record<ShortcutAction, string>> = {
  answer: 'Alt+Shift+A',
  reject: 'Alt+Shift+R',
  mute: 'Alt+Shift+M',
  hold: 'Alt+Shift+H',
  hangup: 'Alt+Shift+E',
  focusDial: 'Alt+Shift+D',
};

/** What the `shortcuts` prop accepts for one action. */
export const COMBO_PATTERN = /^(?:(?:Ctrl|Alt|Shift|Meta)\+){0,4}(?:[A-Z0-9]|F[1-9]|F1[0-2]|Enter|Escape|Space)$/;

export interface Combo {
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
  key: string;
}

export function parseCombo(text: string): Combo | null {
  if (!COMBO_PATTERN.test(text)) return null;
  const parts = text.split('+');
  const key = parts[parts.length - 1] ?? '';
  const modifiers = new Set(parts.slice(0, -1));
  return {
    ctrl: modifiers.has('Ctrl'),
    alt: modifiers.has('Alt'),
    shift: modifiers.has('Shift'),
    meta: modifiers.has('Meta'),
    key,
  };
}

function keyMatches(key: string, event: KeyboardEvent): boolean {
  if (/^[A-Z]$/.test(key)) return event.code === `Key${key}`;
  if (/^[0-9]$/.test(key)) return event.code === `Digit${key}` || event.code === `Numpad${key}`;
  if (key === 'Space') return event.code === 'Space';
  return event.key === key;
}

export function comboMatches(combo: Combo, event: KeyboardEvent): boolean {
  return (
    combo.ctrl === event.ctrlKey &&
    combo.alt === event.altKey &&
    combo.shift === event.shiftKey &&
    combo.meta === event.metaKey &&
    keyMatches(combo.key, event)
  );
}

/** The defaults with the host's choices on top; `null` (or an unparsable combo) turns an action off. */
export function resolveShortcuts(
  option: false | Readonly<Partial<Record<ShortcutAction, string | null>>> | undefined,
): ShortcutMap | null {
  if (option === false) return null;
  const map: Partial<Record<ShortcutAction, string>> = {};
  for (const action of SHORTCUT_ACTIONS) {
    const chosen = option?.[action];
    const combo = chosen === undefined ? DEFAULT_SHORTCUTS[action] : chosen;
    if (combo !== null && parseCombo(combo)) map[action] = combo;
  }
  return map;
}
