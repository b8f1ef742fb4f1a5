import type { SignalingError } from './errors.js';
import type { CallRegistry } from './callRegistry.js';
import { legsOfCall, sidSeenBy, type CallRecord, type ClientLeg } from './callRecords.js';

/** How calls and legs end, and who is told: the one place that retires legs and releases a call's far end. */
export class CallEnding {
  constructor(private readonly registry: CallRegistry) {}

  /** Ends a ringing call with an error for the caller (busy, unavailable, not found). */
  failCall(call: CallRecord, error: SignalingError): void {
    if (call.status === 'completed') return;
    if (call.caller && call.caller.state !== 'ended') {
      call.caller.session?.send('hangup', { callsid: sidSeenBy(call.caller), error });
      call.caller.state = 'ended';
    }
    this.endCall(call, call.caller);
  }

  /** Ends the call; every other live leg is told (`hangup` if answered, `cancel` if ringing). */
  endCall(call: CallRecord, by: ClientLeg | null): void {
    if (call.status === 'completed') return;
    call.status = 'completed';
    if (call.ringTimer) clearTimeout(call.ringTimer);
    call.ringTimer = null;
    for (const leg of legsOfCall(call)) {
      if (leg === by || leg.state === 'ended') this.registry.forgetLeg(leg);
      else this.retireLeg(leg, leg.state === 'answered' || leg.role === 'caller' ? 'hangup' : 'cancel');
    }
    const farEnd = call.numberHandler ?? call.serverPeer;
    call.numberHandler = null;
    call.serverPeer = null;
    farEnd?.onEnd?.();
    call.mediaPath?.close();
    call.mediaPath = null;
    this.registry.forgetCall(call);
  }

  /** Tells the leg's Device the call is over for it (`hangup` or `cancel`) and forgets the leg. */
  retireLeg(leg: ClientLeg, how: 'hangup' | 'cancel'): void {
    if (leg.state !== 'ended') leg.session?.send(how, { callsid: sidSeenBy(leg) });
    leg.state = 'ended';
    this.registry.forgetLeg(leg);
  }

  /** A ringing Device drops out of the ring group; when it was the last one, the call fails with `errorIfLast`. */
  removeFromRingGroup(leg: ClientLeg, errorIfLast: SignalingError): void {
    const call = leg.call;
    this.registry.forgetLeg(leg);
    call.callees = call.callees.filter((c) => c !== leg);
    if (call.status === 'ringing' && call.callees.length === 0) {
      if (call.caller) this.failCall(call, errorIfLast);
      else this.endCall(call, null);
    }
  }
}
