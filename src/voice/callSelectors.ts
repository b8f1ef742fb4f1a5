/** Which call a command acts on when it names none, and which call makes the softphone busy. */
import type { CallState } from '../contract/schema';
import { isLive } from './callState';

/** Calls that count as "in a call" for `activeCallSid`, `busy` and default command targets. */
export function findLive(calls: readonly CallState[]): CallState | undefined {
  const newestFirst = [...calls].reverse();
  // The call we talk on wins over held ones (call waiting, a consult); else the newest held call.
  return newestFirst.find((c) => isLive(c.status) && !c.held) ?? newestFirst.find((c) => isLive(c.status));
}

/** The live call we talk on (not held), other than `exceptSid`. */
export function findLiveUnheld(calls: readonly CallState[], exceptSid?: string): CallState | undefined {
  return [...calls].reverse().find((c) => c.sid !== exceptSid && isLive(c.status) && !c.held);
}

export function findPendingIncoming(calls: readonly CallState[]): CallState | undefined {
  return [...calls].reverse().find((c) => c.status === 'pending' && c.direction === 'incoming');
}

/** Feedback goes to the live call, else to the one that ended last. */
export function findLiveOrLastEnded(calls: readonly CallState[]): CallState | undefined {
  return findLive(calls) ?? [...calls].reverse().find((c) => c.status === 'closed');
}

let localSidCounter = 0;
/** Only used if the SDK gives a call no id at all (never for real SDK calls). */
export function localSid(): string {
  localSidCounter += 1;
  return `local-${Date.now().toString(36)}-${localSidCounter}`;
}
