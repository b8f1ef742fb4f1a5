/**
 * Which call a command acts on and whether it may: a named call (stable sid or Twilio CallSid) or the
 * default one the command picks, in a status that allows the action.
 */
import type { CallState } from '../contract/schema';
import { SoftphoneError } from '../contract/service';
import type { CallEntry } from './callRegistry';
import { toCallStatus } from './callState';
import type { CallTracker } from './callTracker';
import type { ServiceLifetime } from './lifetime';

export type CallPicker = (calls: readonly CallState[]) => CallState | undefined;

export class CallTargets {
  constructor(
    private readonly calls: CallTracker,
    private readonly lifetime: ServiceLifetime,
  ) {}

  /** The named call, else the one `pickDefault` chooses; `no_active_call` when there is none. */
  resolve(callSid: string | undefined, pickDefault: CallPicker): CallEntry {
    this.lifetime.assertAlive();
    const entry = callSid !== undefined ? this.calls.find(callSid) : this.pick(pickDefault);
    if (!entry) {
      throw new SoftphoneError(
        'no_active_call',
        callSid !== undefined ? `No call with id ${callSid}.` : 'There is no call to act on.',
      );
    }
    return entry;
  }

  /** The published status, or the SDK's own for a call not (or no longer) in state. */
  statusOf(entry: CallEntry): CallState['status'] {
    return this.calls.state(entry.sid)?.status ?? toCallStatus(entry.call.status());
  }

  requireStatus(entry: CallEntry, allowed: readonly CallState['status'][], action: string): void {
    const status = this.statusOf(entry);
    if (!allowed.includes(status))
      throw new SoftphoneError('wrong_state', `Cannot ${action} a call that is ${status}.`);
  }

  private pick(pickDefault: CallPicker): CallEntry | undefined {
    const picked = pickDefault(this.calls.list());
    return picked ? this.calls.entry(picked.sid) : undefined;
  }
}
