/**
 * `closeProtection`: asks before the page unloads while a call is open **or ringing**. The SDK's own
 * guard looks only at its active call, so a reload while an incoming call rings dropped it silently
 * (twilio-voice.js#299); this guard reads our call state, which covers both directions and every status.
 */
import type { SoftphoneState } from '../contract/schema';

export interface UnloadEventsLike {
  addEventListener(type: 'beforeunload', listener: (event: BeforeUnloadLike) => void): void;
  removeEventListener(type: 'beforeunload', listener: (event: BeforeUnloadLike) => void): void;
}

export interface BeforeUnloadLike {
  preventDefault(): void;
  returnValue: unknown;
}

const DEFAULT_MESSAGE = 'A call is in progress or ringing. Leaving or reloading this page will end it.';
const GUARDED = new Set(['pending', 'connecting', 'ringing', 'open', 'reconnecting']);

export function hasGuardedCall(state: SoftphoneState): boolean {
  return state.calls.some((call) => GUARDED.has(call.status));
}

export class CloseGuard {
  private attached = false;

  constructor(
    private readonly target: UnloadEventsLike | null,
    private readonly protection: boolean | string,
    private readonly currentState: () => SoftphoneState,
  ) {}

  start(): void {
    if (!this.target || this.protection === false || this.attached) return;
    this.target.addEventListener('beforeunload', this.onBeforeUnload);
    this.attached = true;
  }

  stop(): void {
    if (!this.attached || !this.target) return;
    this.target.removeEventListener('beforeunload', this.onBeforeUnload);
    this.attached = false;
  }

  private readonly onBeforeUnload = (event: BeforeUnloadLike): void => {
    if (!hasGuardedCall(this.currentState())) return;
    event.preventDefault();
    // Browsers show their own wording; returnValue is what makes older ones ask at all.
    event.returnValue = typeof this.protection === 'string' ? this.protection : DEFAULT_MESSAGE;
  };
}
