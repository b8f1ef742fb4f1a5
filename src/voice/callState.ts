/**
 * Pure reducers from SDK call events to the `CallState` published in `state$`. They return the same
 * object when an event changes nothing, so `state$` stays quiet for volume and repeated samples.
 */
import type { CallState, CallStatus } from '../contract/schema';
import type { CallSdkEvent } from './sdkEvents';
import type { CallLike, CallMessageLike } from './sdkTypes';

/** Per-call message log cap: enough for the UI, bounded for the bus. */
export const MAX_MESSAGES_PER_CALL = 20;

const STATUSES: readonly CallStatus[] = ['pending', 'connecting', 'ringing', 'open', 'reconnecting', 'closed'];

export function toCallStatus(sdkStatus: string): CallStatus {
  return (STATUSES as readonly string[]).includes(sdkStatus) ? (sdkStatus as CallStatus) : 'connecting';
}

export function isLive(status: CallStatus): boolean {
  return status === 'connecting' || status === 'ringing' || status === 'open' || status === 'reconnecting';
}

export interface NewCallInput {
  sid: string;
  direction: 'incoming' | 'outgoing';
  from: string | null;
  to: string | null;
  now: number;
}

export function newCallState(call: CallLike, input: NewCallInput): CallState {
  return {
    sid: input.sid,
    twilioCallSid: call.parameters.CallSid ?? null,
    direction: input.direction,
    status: toCallStatus(call.status()),
    from: input.from,
    to: input.to,
    muted: call.isMuted(),
    codec: call.codec || null,
    startedAt: input.now,
    answeredAt: null,
    endedAt: null,
    endReason: null,
    customParameters: Object.fromEntries(call.customParameters),
    warnings: [],
    reconnecting: false,
    messages: [],
    feedbackSent: false,
    held: false,
    heldAt: null,
    conferenceSid: null,
    consultFor: null,
  };
}

export function closeCall(state: CallState, reason: string, now: number): CallState {
  if (state.status === 'closed') return state;
  return { ...state, status: 'closed', endedAt: now, endReason: reason, reconnecting: false };
}

function patch(state: CallState, changes: Partial<CallState>): CallState {
  const keys = Object.keys(changes) as Array<keyof CallState>;
  return keys.some((k) => state[k] !== changes[k]) ? { ...state, ...changes } : state;
}

function readMessage(arg: unknown): CallMessageLike | null {
  if (typeof arg !== 'object' || arg === null) return null;
  const m = arg as Partial<CallMessageLike>;
  return typeof m.messageType === 'string'
    ? { content: m.content, messageType: m.messageType, voiceEventSid: m.voiceEventSid }
    : null;
}

function logMessage(state: CallState, direction: 'sent' | 'received', arg: unknown, now: number): CallState {
  const message = readMessage(arg);
  if (!message) return state;
  const entry = {
    direction,
    content: message.content,
    messageType: message.messageType,
    ...(message.voiceEventSid !== undefined && { voiceEventSid: message.voiceEventSid }),
    at: now,
  };
  return { ...state, messages: [...state.messages, entry].slice(-MAX_MESSAGES_PER_CALL) };
}

/**
 * Applies one call event. `closeReason` says why a `disconnect` ended the call (the service knows
 * whether it asked for the hangup).
 */
export function reduceCallEvent(
  state: CallState,
  event: CallSdkEvent,
  call: CallLike,
  now: number,
  closeReason: string,
): CallState {
  const twilioCallSid = call.parameters.CallSid ?? state.twilioCallSid;
  const withSid = patch(state, { twilioCallSid });
  switch (event.name) {
    case 'ringing':
      return patch(withSid, { status: 'ringing' });
    case 'accept':
      return patch(withSid, {
        status: 'open',
        answeredAt: state.answeredAt ?? now,
        codec: call.codec || state.codec,
        muted: call.isMuted(),
      });
    case 'reconnecting':
      return patch(withSid, { status: 'reconnecting', reconnecting: true });
    case 'reconnected':
      // The SDK emits `reconnected` before it sets its status back to open.
      return patch(withSid, { status: 'open', reconnecting: false });
    case 'mute':
      return patch(withSid, { muted: event.args[0] === true });
    case 'warning': {
      const name = String(event.args[0]);
      return state.warnings.includes(name) ? withSid : { ...withSid, warnings: [...state.warnings, name] };
    }
    case 'warning-cleared': {
      const name = String(event.args[0]);
      return state.warnings.includes(name)
        ? { ...withSid, warnings: state.warnings.filter((w) => w !== name) }
        : withSid;
    }
    case 'messageReceived':
      return logMessage(withSid, 'received', event.args[0], now);
    case 'messageSent':
      return logMessage(withSid, 'sent', event.args[0], now);
    case 'sample':
      return patch(withSid, { codec: call.codec || state.codec });
    case 'cancel':
      // Twilio cancels only ringing incoming calls. An outgoing call is cancelled when its signaling dropped
      // before the answer and the gateway ended it (the SDK had closed it silently): a failure for the caller.
      return closeCall(withSid, state.direction === 'outgoing' ? 'error' : 'canceled', now);
    case 'reject':
      return closeCall(withSid, 'rejected', now);
    case 'disconnect':
      return closeCall(withSid, closeReason, now);
    case 'error':
      // An error that leaves the call closed ends it. The SDK may report it just after `disconnect`
      // (microphone failure while accepting), so it also corrects a 'remote-hangup' reason.
      if (withSid.status === 'closed')
        return withSid.endReason === 'remote-hangup' ? { ...withSid, endReason: 'error' } : withSid;
      return toCallStatus(call.status()) === 'closed' ? closeCall(withSid, 'error', now) : withSid;
    case 'volume':
      return state;
  }
}
