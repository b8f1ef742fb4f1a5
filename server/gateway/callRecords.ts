import type { SignalingSession } from './session.js';
import type { CallMessage, NumberCallHandler, ServerMediaPeer } from './numberPlan.js';
import type { CallMediaPath } from './mediaPath.js';

/** One Device's side of a call: what the SDK knows as a Call with `parameters.CallSid === sid`. */
export interface ClientLeg {
  readonly sid: string;
  readonly identity: string;
  readonly role: 'caller' | 'callee';
  readonly call: CallRecord;
  /** The SDK's temporary `TJ…` id for an outgoing call (hangups before `ringing` use it). */
  readonly tempSid: string | null;
  session: SignalingSession | null;
  readonly reconnectToken: string;
  /** SDP this leg received from the far end; replayed in `answer` after a signaling reconnect. */
  remoteSdp: string;
  state: 'ringing' | 'answered' | 'ended';
  graceTimer: NodeJS.Timeout | null;
  /** The ICE username fragment of the Device's own SDP (its offer or answer): tells a resumed socket from a new page. */
  deviceUfrag: string | null;
  /** Whether the Device has learned `sid` (from `invite`, `ringing` or `answer`); until then it only knows `tempSid`. */
  sidKnown: boolean;
}

/** A call message a Device sent, as the server application receives it. */
export interface ReceivedCallMessage extends CallMessage {
  /** The CallSid of the Device leg that sent it. */
  fromLegSid: string;
  identity: string;
  voiceEventSid: string;
  at: number;
}

export interface CallRecord {
  readonly sid: string;
  readonly from: string;
  readonly to: string;
  readonly params: Record<string, string>;
  readonly createdAt: number;
  answeredAt: number | null;
  status: 'ringing' | 'in-progress' | 'completed';
  /** Originating Device (null when the gateway itself originates the call). */
  caller: ClientLeg | null;
  serverPeer: ServerMediaPeer | null;
  /** Ringing/answered Devices of the dialled identity. */
  callees: ClientLeg[];
  /** Far end for a dialled number. */
  numberHandler: NumberCallHandler | null;
  /**
   * Set once call control took the far end (a number, the server's media) over: its own hangup then ends only its
   * endpoint, wherever the line moved it, instead of the whole call.
   */
  farEndHungUp: (() => void) | null;
  answered: ClientLeg | null;
  ringTimer: NodeJS.Timeout | null;
  /** How the SDP between two Devices is prepared; null when the far end is not a Device's caller. */
  mediaPath: CallMediaPath | null;
  /** Call messages the Devices sent (for the server application; newest last). */
  messages: ReceivedCallMessage[];
}

/** Every Device leg of the call, the caller first. */
export function legsOfCall(call: CallRecord): ClientLeg[] {
  return [...(call.caller ? [call.caller] : []), ...call.callees];
}

/** The Device leg on the other side of `leg`, if the far end is a Device. */
export function farLegOf(leg: ClientLeg): ClientLeg | null {
  return leg.role === 'caller' ? leg.call.answered : leg.call.caller;
}

/** The id the leg's Device knows the call by: the SDK drops a `hangup` whose callsid it has never seen. */
export function sidSeenBy(leg: ClientLeg): string {
  return leg.sidKnown || !leg.tempSid ? leg.sid : leg.tempSid;
}
