/**
 * The softphone's keyboard shortcuts (answer, reject, mute, hold, hang up, focus the dial box), listened to on the
 * document and scoped by scope.ts. Returns the last failure so the layout can show it like any control's.
 */
import { useEffect, useState, type RefObject } from 'react';
import type { SoftphoneService } from '../../contract/service';
import { failureOf, type ActionFailure } from '../hooks/useAction';
import { isHeld, isInProgress, isRingingIncoming } from '../selectors';
import { useSoftphoneService } from '../ServiceContext';
import { useUiOptions } from '../UiOptions';
import { comboMatches, parseCombo, SHORTCUT_ACTIONS, type Combo, type ShortcutAction } from './keys';
import { claimPageShortcuts, shortcutAllowed } from './scope';

/** The command a shortcut stands for right now, or null when it has nothing to act on. */
function commandFor(
  action: ShortcutAction,
  service: SoftphoneService,
  root: HTMLElement | null,
): (() => Promise<unknown>) | null {
  const state = service.getState();
  const ringing = state.calls.find(isRingingIncoming);
  const inProgress = state.calls.filter(isInProgress);
  const live = inProgress.find((call) => call.sid === state.activeCallSid) ?? inProgress.find((c) => !isHeld(c));
  switch (action) {
    case 'answer':
      return ringing ? () => service.accept(ringing.sid) : null;
    case 'reject':
      return ringing ? () => service.reject(ringing.sid) : null;
    case 'mute':
      return live && live.status === 'open' ? () => service.mute(!live.muted, live.sid) : null;
    case 'hold':
      return live && live.status === 'open' ? () => service.hold(!isHeld(live), live.sid) : null;
    case 'hangup':
      return live ? () => service.hangup(live.sid) : null;
    case 'focusDial': {
      const input = root?.querySelector<HTMLInputElement>('input[name="to"]');
      return input ? async () => input.focus() : null;
    }
  }
}

export function useShortcuts(root: RefObject<HTMLElement | null>): ActionFailure | null {
  const service = useSoftphoneService();
  const { shortcuts } = useUiOptions();
  const [failure, setFailure] = useState<ActionFailure | null>(null);

  useEffect(() => {
    if (!shortcuts) return undefined;
    const owner = {};
    const release = claimPageShortcuts(owner);
    const combos = SHORTCUT_ACTIONS.flatMap((action): Array<[ShortcutAction, Combo]> => {
      const combo = shortcuts[action] ? parseCombo(shortcuts[action]) : null;
      return combo ? [[action, combo]] : [];
    });
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      const action = combos.find(([, combo]) => comboMatches(combo, event))?.[0];
      if (!action || !shortcutAllowed(owner, root.current, event.target)) return;
      const command = commandFor(action, service, root.current);
      if (!command) return;
      event.preventDefault();
      setFailure(null);
      command().catch((error: unknown) => setFailure(failureOf(error)));
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      release();
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [service, shortcuts, root]);

  return failure;
}
