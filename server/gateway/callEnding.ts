import type { SignalingError } from './errors.js';
import type { CallRegistry } from './callRegistry.js';
import { legsOfCall, sidSeenBy, type CallRecord, type ClientLeg } from './callRecords.js';

/** How calls and legs end, and who is told: the one place that retires legs and releases a call's far end. */
export class CallEnding {
  /**
   * A ringing call ended while its caller's socket was gone (ReconnectGrace tells the caller once it is back).
   * Without this the caller's Device never heard of the end: it rang on and every new dial was `busy`.
   */
  callerAway: (caller: ClientLeg) => void = () => undefined;

  /**
   * Call control's claim on the ending of a call it took over (lineEndpoints.ts): true when it handled it, e.g. a held
   * line's agent leg ended and the far party stays parked instead of being hung up.
   */
  controlledEnd: (call: CallRecord, by: ClientLeg | null) => boolean = () => false;

  constructor(private readonly registry: CallRegistry) {}

  /** Ends a ringing call with an error for the caller (busy, unavailable, not found). */
  failCall(call: CallRecord, error: SignalingError): void {
    if (call.status === 'completed') return;
    const caller = call.caller;
    if (caller && caller.state !== 'ended') {
      if (caller.session) caller.session.send('hangup', { callsid: sidSeenBy(caller), error });
      else if (caller.state === 'ringing') this.callerAway(caller);
      caller.state = 'ended';
    }
    this.endCall(call, caller);
  }

  /** Ends the call; every other live leg is told (`hangup` if answered, `cancel` if ringing). */
  endCall(call: CallRecord, by: ClientLeg | null): void {
    if (call.status === 'completed' || this.controlledEnd(call, by)) return;
    call.status = 'completed';
    if (call.ringTimer) clearTimeout(call.ringTimer);
    call.ringTimer = null;
    for (const leg of legsOfCall(call)) {
      if (leg.role === 'caller' && leg !== by && leg.state === 'ringing' && !leg.session) this.callerAway(leg);
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
