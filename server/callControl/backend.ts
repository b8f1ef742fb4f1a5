/**
 * The seam between the call-control HTTP route (`POST /call-control/:action`, see README) and whoever carries the
 * commands out: the local gateway (server/gateway) in local mode, Twilio's Conference and Calls REST resources in
 * Twilio mode (server/twilio). The route authenticates the caller with its voice access token, validates the body and
 * hands the backend the identity and the Twilio CallSid of the caller's own leg; the backend checks that the leg is
 * this identity's and in a state the action allows.
 */

/** Why a backend refused an action; the route answers it as `{ error: { code, message } }` with the status below. */
export type CallControlErrorCode =
  /** 404: no open call with that CallSid belongs to this identity. */
  | 'no_active_call'
  /** 409: the call exists but the action does not apply now (ringing, already held, one call to merge…). */
  | 'wrong_state'
  /** 400: the transfer target is not a valid number or client. */
  | 'invalid_number'
  /** 403: the dial policy refuses the transfer target. */
  | 'forbidden_number'
  /** 502: Twilio (or the gateway) failed to carry it out. */
  | 'upstream_failed';

export class CallControlError extends Error {
  override readonly name = 'CallControlError';
  constructor(
    readonly code: CallControlErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** One open line of the caller, as `lines` lists it. */
export interface OpenLine {
  lineSid: string;
  /** Its far parties hear hold music. */
  held: boolean;
  /** Held with no leg of the caller in it (the caller's Device has moved on to another call). */
  parked: boolean;
  /** Set once two lines were merged into one conference. */
  conferenceSid?: string;
}

/** Who asks: the identity from the verified access token. */
export interface CallControlCaller {
  identity: string;
}

export interface CallControlBackend {
  /** The far party of `callSid` hears hold music (held) or us again; our microphone is not forwarded while held. */
  hold(caller: CallControlCaller, callSid: string, held: boolean): Promise<{ held: boolean }>;
  /**
   * A parked line (held, the caller's leg for it gone): the server calls the caller's identity back (custom parameter
   * `SwitchboardLine=<callSid>`), and bridges that new leg to the far party, unheld, once it is accepted. Resolves with
   * the new leg's CallSid as soon as it rings.
   */
  retrieve(caller: CallControlCaller, callSid: string): Promise<{ legCallSid: string }>;
  /** The far party of `callSid` is connected to `to`; the caller's leg `callSid` is ended by the server. */
  blindTransfer(caller: CallControlCaller, callSid: string, to: string): Promise<void>;
  /**
   * The far party of `callSid` is held and a consult call starts: the server places an incoming call to the caller's
   * own identity (custom parameter `SwitchboardConsultFor=<callSid>`, `SwitchboardConsultTo=<to>`), which its
   * softphone accepts at once, and rings `to` on it (ringback as early media until `to` answers).
   * Resolves with the CallSid of that consult leg as soon as it is created.
   */
  warmTransfer(caller: CallControlCaller, callSid: string, to: string): Promise<{ consultCallSid: string }>;
  /** Connects the held far party of the consult's original call with the consult's far party; ends both our legs. */
  completeTransfer(caller: CallControlCaller, consultCallSid: string): Promise<void>;
  /**
   * The far parties of `heldCallSid` and `activeCallSid` and the caller (on `activeCallSid`) become one conference,
   * each hearing the other two; the server ends the caller's leg `heldCallSid`.
   */
  merge(caller: CallControlCaller, heldCallSid: string, activeCallSid: string): Promise<{ conferenceSid: string }>;
  /** Ends the line `callSid` with every party on it (a held or parked line has no SDK call to disconnect). */
  hangup(caller: CallControlCaller, callSid: string): Promise<void>;
  /**
   * The caller's open lines the server keeps (held, parked, consulting or merged): a line that is not listed has
   * ended, which is how a softphone learns that the far party of a parked line hung up.
   */
  lines(caller: CallControlCaller): Promise<{ lines: OpenLine[] }>;
}
