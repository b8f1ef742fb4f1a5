import type { CallControlBackend, CallControlCaller } from '../callControl/backend.js';
import type { DialPolicyConfig, TwilioCredentials } from '../config.js';
import { signedUrl } from '../security/webhookSignature.js';
import type { ControlContext } from './controlContext.js';
import { hangup, hold, retrieve } from './holdActions.js';
import { LineRegistry } from './lineRegistry.js';
import { LineLocator } from './lines.js';
import { openLines } from './openLines.js';
import { DEFAULT_PARK_TIMING, ParkedLines, type ParkTiming } from './parkedLines.js';
import { createTwilioRestClient, type TwilioRestClient, type TwilioRestOptions } from './restClient.js';
import { DEFAULT_ROOM_TIMING, type RoomTiming } from './roomState.js';
import { DIAL_ENDED_PATH, TWILIO_HOLD_MUSIC_URL } from './rooms.js';
import { blindTransfer, completeTransfer, merge, warmTransfer } from './transferActions.js';

export interface TwilioCallControlOptions {
  /** PUBLIC_URL: where Twilio reaches this server's webhooks (the continuation after every `<Dial>`). */
  publicUrl: URL;
  /** The dial policy transfer targets must pass, the same one `POST /voice` applies. */
  dialPolicy: DialPolicyConfig;
  /** What held parties hear (a TwiML document of `<Play>`s, or an MP3/WAV); Twilio's standard hold music by default. */
  holdUrl?: string;
  /** REST client settings (base URL, timeout); ignored when `rest` is given. */
  restOptions?: TwilioRestOptions;
  /** An existing REST client to use instead of making one. */
  rest?: TwilioRestClient;
  timing?: Partial<RoomTiming & ParkTiming>;
  log?: (line: string) => void;
}

export interface TwilioCallControl extends CallControlBackend {
  retrieve(caller: CallControlCaller, callSid: string): Promise<{ legCallSid: string }>;
  hangup(caller: CallControlCaller, callSid: string): Promise<void>;
  /** Stops watching parked lines (they stay on Twilio; nothing else needs closing). */
  close(): void;
}

/**
 * Call control in Twilio mode: each action is carried out with Twilio's Calls, Conferences and Participants REST
 * resources through the `twilio` library (see docs/twilioCallControl.md for the flows and the requests they make).
 */
export function createTwilioCallControl(
  credentials: TwilioCredentials,
  options: TwilioCallControlOptions,
): TwilioCallControl {
  const rest = options.rest ?? createTwilioRestClient(credentials, options.restOptions);
  const registry = new LineRegistry();
  const timing = { ...DEFAULT_ROOM_TIMING, ...DEFAULT_PARK_TIMING, ...options.timing };
  const log = options.log ?? (() => undefined);
  const lines = new LineLocator(rest, registry, timing);
  const parked = new ParkedLines(rest, lines, timing, log);
  const ctx: ControlContext = {
    rest,
    registry,
    parked,
    timing,
    lines,
    holdUrl: options.holdUrl ?? TWILIO_HOLD_MUSIC_URL,
    afterDialUrl: signedUrl(options.publicUrl, DIAL_ENDED_PATH),
    callerId: credentials.callerId,
    dialPolicy: options.dialPolicy,
    log,
  };
  return {
    hold: (caller, callSid, held) => hold(ctx, caller, callSid, held),
    retrieve: (caller, callSid) => retrieve(ctx, caller, callSid),
    hangup: (caller, callSid) => hangup(ctx, caller, callSid),
    blindTransfer: (caller, callSid, to) => blindTransfer(ctx, caller, callSid, to),
    warmTransfer: (caller, callSid, to) => warmTransfer(ctx, caller, callSid, to),
    completeTransfer: (caller, consultCallSid) => completeTransfer(ctx, caller, consultCallSid),
    merge: (caller, heldCallSid, activeCallSid) => merge(ctx, caller, heldCallSid, activeCallSid),
    lines: (caller) => openLines(ctx, caller),
    close: () => parked.close(),
  };
}
