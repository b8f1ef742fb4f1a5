import type { SignalingError } from './errors.js';

/** A call message as the SDK's `Call.sendMessage` / `messageReceived` carry it. */
export interface CallMessage {
  /** Any JSON value, relayed as the sender gave it. */
  content: unknown;
  messageType: string;
  contentType: string;
}

/**
 * What a number handler can do with a call that a Device placed to a PSTN-style number. The handler is the far end:
 * it answers with its own SDP (server-side media), rings, fails, hangs up and exchanges DTMF and call messages.
 */
export interface NumberCallControl {
  readonly callSid: string;
  readonly from: string;
  readonly to: string;
  readonly params: Readonly<Record<string, string>>;
  /** The caller's SDP offer. */
  readonly offerSdp: string;
  /** The call rings; with SDP (the handler's answer) the caller gets early media (`hasEarlyMedia`). */
  ringing(earlyMediaSdp?: string): void;
  answer(answerSdp: string): void;
  /** Ends the call before answer with a Twilio error (busy, unavailable, ...) or after answer normally. */
  hangup(error?: SignalingError): void;
  sendMessage(message: { content: unknown; messageType?: string; contentType?: string }): void;
}

/** Callbacks a number handler receives for the call it took. */
export interface NumberCallHandler {
  onDtmf?(digits: string): void;
  /** The caller restarts ICE (`reinvite`): the handler's server peer answers the new offer. */
  onReinvite?(offerSdp: string): Promise<string>;
  onMessage?(message: CallMessage): void;
  /** The caller hung up, or the call ended for another reason; release media. Not called after the handler's own hangup. */
  onEnd?(): void;
}

/** Maps a dialled E.164 number to the code that plays the far end; `undefined` = no such number. */
export interface NumberPlan {
  route(number: string): ((call: NumberCallControl) => NumberCallHandler) | undefined;
  /**
   * Takes a call without `To`: what `Device.runPreflight` places (Twilio answers it with an echo that hangs up by
   * itself). Absent = such calls fail with 31404.
   */
  preflight?: (call: NumberCallControl) => NumberCallHandler;
}

/** The default plan: no number is reachable from the local gateway (no PSTN here). */
export const emptyNumberPlan: NumberPlan = { route: () => undefined };

/** The far end of a call the gateway originates itself (control API): produces the offer and takes the answer. */
export interface ServerMediaPeer extends NumberCallHandler {
  readonly offerSdp: string;
  acceptAnswer(answerSdp: string): void;
}

export interface ServerCallContext {
  readonly callSid: string;
  readonly from: string;
  readonly to: string;
  readonly params: Readonly<Record<string, string>>;
  /** Sends a call message to the answered Device. */
  sendMessage(message: { content: unknown; messageType?: string; contentType?: string }): void;
  hangup(): void;
}

/** Creates the media peer for a server-originated call; absent = such calls are refused with a clear error. */
export type ServerMediaFactory = (call: ServerCallContext) => Promise<ServerMediaPeer>;
