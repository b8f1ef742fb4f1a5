import { GatewayError } from './errors.js';
import type { SignalingSession } from './session.js';
import type { SessionDirectory } from './sessionDirectory.js';
import type { CallRegistry } from './callRegistry.js';
import type { CallEnding } from './callEnding.js';
import { legsOfCall, type CallRecord, type ClientLeg } from './callRecords.js';
import { callMessageOf, deliverMessage } from './legSignals.js';
import type { ServerOriginatedCalls } from './serverOriginatedCalls.js';
import type { CallInfo, PlaceCallRequest, ReceivedMessageInfo, RegistrationInfo } from './gatewayTypes.js';

function describeCall(call: CallRecord): CallInfo {
  return {
    callSid: call.sid,
    from: call.from,
    to: call.to,
    status: call.status,
    params: { ...call.params },
    createdAt: new Date(call.createdAt).toISOString(),
    answeredAt: call.answeredAt === null ? null : new Date(call.answeredAt).toISOString(),
    legs: legsOfCall(call).map((leg) => ({
      callSid: leg.sid,
      identity: leg.identity,
      role: leg.role,
      state: leg.state,
      connected: leg.session !== null,
    })),
  };
}

/** What the control API (and tests) do to calls and Devices from the server side. */
export class GatewayControl {
  constructor(
    private readonly directory: SessionDirectory,
    private readonly registry: CallRegistry,
    private readonly ending: CallEnding,
    private readonly serverCalls: ServerOriginatedCalls,
  ) {}

  registrations(): RegistrationInfo[] {
    return this.directory.registrations();
  }

  listCalls(): CallInfo[] {
    return this.registry.allCalls().map(describeCall);
  }

  /** Places a call from the gateway to every registered Device of `to`; needs a server media peer. */
  placeCall(request: PlaceCallRequest): Promise<{ callSid: string }> {
    return this.serverCalls.place(request);
  }

  /** Sends a call message to the Device leg `callSid` (a leg SID, or a call SID whose answered Device leg is meant). */
  sendMessageToCall(
    callSid: string,
    message: { content: unknown; messageType?: string; contentType?: string },
  ): { voiceEventSid: string } {
    const leg = this.deliverableLeg(callSid);
    if (leg.state !== 'answered') throw new GatewayError('call_not_active', `Call ${callSid} is not in progress`, 409);
    return { voiceEventSid: deliverMessage(leg, callMessageOf(message)) };
  }

  receivedMessages(callSid: string): ReceivedMessageInfo[] {
    const call = this.registry.callBySid(callSid) ?? this.registry.legById(callSid)?.call;
    if (!call) throw new GatewayError('unknown_call', `No active call ${callSid}`, 404);
    return call.messages.map((m) => ({
      callSid: m.fromLegSid,
      identity: m.identity,
      content: m.content,
      messageType: m.messageType,
      contentType: m.contentType,
      voiceEventSid: m.voiceEventSid,
      at: new Date(m.at).toISOString(),
    }));
  }

  /** Ends a call from the server side: Devices get `hangup` (answered) or `cancel` (ringing). */
  hangupCall(callSid: string): void {
    const call = this.registry.callBySid(callSid) ?? this.registry.legById(callSid)?.call;
    if (!call || call.status === 'completed') throw new GatewayError('unknown_call', `No active call ${callSid}`, 404);
    this.ending.endCall(call, null);
  }

  /** Ends every call (the gateway is closing). */
  endAllCalls(): void {
    for (const call of this.registry.allCalls()) this.ending.endCall(call, null);
  }

  /** Abruptly closes every socket of `identity` (like a network drop). Returns how many were closed. */
  dropDevices(identity: string): number {
    const sessions = this.connectedAs(identity);
    for (const session of sessions) session.terminate();
    return sessions.length;
  }

  /** Treats the current token of every socket of `identity` as expired (error 20104; a new `listen` recovers). */
  expireToken(identity: string): number {
    const sessions = this.connectedAs(identity);
    for (const session of sessions) session.expireToken();
    return sessions.length;
  }

  private connectedAs(identity: string): SignalingSession[] {
    const sessions = this.directory.connectedAs(identity);
    if (sessions.length === 0) throw new GatewayError('unknown_identity', `No Device connected as "${identity}"`, 404);
    return sessions;
  }

  private deliverableLeg(callSid: string): ClientLeg {
    const leg = this.registry.legById(callSid);
    if (leg) return leg;
    const call = this.registry.callBySid(callSid);
    if (!call) throw new GatewayError('unknown_call', `No active call ${callSid}`, 404);
    const target = call.answered ?? call.caller;
    if (!target) throw new GatewayError('call_not_active', `Call ${callSid} is not in progress`, 409);
    return target;
  }
}
