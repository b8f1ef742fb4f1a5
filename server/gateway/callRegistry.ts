import { makeSid } from './sids.js';
import type { SignalingSession } from './session.js';
import type { CallRecord, ClientLeg } from './callRecords.js';

/** The calls in progress and their Device legs, by CallSid (and legs also by the SDK's temporary outgoing id). */
export class CallRegistry {
  private readonly calls = new Map<string, CallRecord>();
  private readonly legs = new Map<string, ClientLeg>();

  newCall(sid: string, from: string, to: string, params: Record<string, string>): CallRecord {
    const call: CallRecord = {
      sid,
      from,
      to,
      params,
      createdAt: Date.now(),
      answeredAt: null,
      status: 'ringing',
      caller: null,
      serverPeer: null,
      callees: [],
      numberHandler: null,
      farEndHungUp: null,
      answered: null,
      ringTimer: null,
      mediaPath: null,
      messages: [],
    };
    this.calls.set(sid, call);
    return call;
  }

  newLeg(
    call: CallRecord,
    role: 'caller' | 'callee',
    identity: string,
    session: SignalingSession,
    sid: string,
    tempSid: string | null,
  ): ClientLeg {
    const leg: ClientLeg = {
      sid,
      identity,
      role,
      call,
      tempSid,
      session,
      reconnectToken: makeSid('RT'),
      remoteSdp: '',
      state: 'ringing',
      graceTimer: null,
      deviceUfrag: null,
      // A callee learns its sid from the invite; a caller only from our first `ringing`/`answer`.
      sidKnown: tempSid === null,
    };
    this.legs.set(sid, leg);
    if (tempSid) this.legs.set(tempSid, leg);
    return leg;
  }

  /** Ends the leg's bookkeeping: its grace timer stops and its ids no longer resolve. */
  forgetLeg(leg: ClientLeg): void {
    leg.state = 'ended';
    if (leg.graceTimer) clearTimeout(leg.graceTimer);
    leg.graceTimer = null;
    this.legs.delete(leg.sid);
    if (leg.tempSid) this.legs.delete(leg.tempSid);
  }

  forgetCall(call: CallRecord): void {
    this.calls.delete(call.sid);
  }

  /** A leg by its CallSid or the SDK's temporary id. */
  legById(id: string): ClientLeg | undefined {
    return this.legs.get(id);
  }

  callBySid(sid: string): CallRecord | undefined {
    return this.calls.get(sid);
  }

  allCalls(): CallRecord[] {
    return [...this.calls.values()];
  }

  legsOf(session: SignalingSession): ClientLeg[] {
    return [...new Set(this.legs.values())].filter((leg) => leg.session === session);
  }
}
