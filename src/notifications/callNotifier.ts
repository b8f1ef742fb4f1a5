/**
 * System notifications for the tab that owns the phone (only the leader runs this, so one notification, not one
 * per tab): an incoming call while the page is hidden, closed again when the call stops ringing, and each missed
 * call once. Clicking a notification focuses the tab. Permission is asked only when the person acts (see
 * askNotificationPermission), never on load.
 */
import type { Observable } from 'rxjs';
import type { CallState, SoftphoneState } from '../contract/schemaState';
import { historyEntryOf } from '../history/entryOf';

export interface NotifierEnvironment {
  /** The page's Notification constructor; undefined where the browser has none. */
  Notification: typeof Notification | undefined;
  isHidden(): boolean;
  focus(): void;
}

export function browserNotifierEnvironment(): NotifierEnvironment {
  return {
    Notification: typeof Notification === 'undefined' ? undefined : Notification,
    isHidden: () => typeof document !== 'undefined' && document.visibilityState === 'hidden',
    focus: () => window.focus(),
  };
}

/** Asks for permission if it was never asked; call it from a person's action (dial, answer). */
export function askNotificationPermission(env: NotifierEnvironment): void {
  if (env.Notification?.permission !== 'default') return;
  env.Notification.requestPermission().catch(() => undefined);
}

/** The other party as people read it: `client:bob` → `bob`. */
function peerOf(call: CallState): string {
  const peer = (call.direction === 'incoming' ? call.from : call.to) ?? 'Unknown caller';
  return peer.startsWith('client:') ? peer.slice('client:'.length) : peer;
}

const wasMissed = (call: CallState): boolean => historyEntryOf(call)?.missed === true;

export function notifyCalls(state$: Observable<SoftphoneState>, env: NotifierEnvironment): () => void {
  const ringing = new Map<string, Notification>();
  const handled = new Set<string>();
  const show = (title: string, body: string, tag: string): Notification | null => {
    const Ctor = env.Notification;
    if (!Ctor || Ctor.permission !== 'granted') return null;
    try {
      const notification = new Ctor(title, { body, tag });
      notification.onclick = () => {
        env.focus();
        notification.close();
      };
      return notification;
    } catch {
      return null; // some browsers allow notifications only from a service worker
    }
  };
  const subscription = state$.subscribe({
    next: (state) => {
      for (const call of state.calls) {
        if (call.direction !== 'incoming' || handled.has(call.sid)) continue;
        if (call.status === 'pending' && !ringing.has(call.sid) && env.isHidden()) {
          const shown = show('Incoming call', `${peerOf(call)} is calling ${state.instance}`, `ring-${call.sid}`);
          if (shown) ringing.set(call.sid, shown);
        } else if (call.status !== 'pending') {
          ringing.get(call.sid)?.close();
          ringing.delete(call.sid);
          if (call.status !== 'closed') continue;
          handled.add(call.sid);
          if (wasMissed(call) && env.isHidden()) show('Missed call', `From ${peerOf(call)}`, `missed-${call.sid}`);
        }
      }
    },
    error: () => undefined,
  });
  return () => {
    subscription.unsubscribe();
    for (const notification of ringing.values()) notification.close();
    ringing.clear();
  };
}
