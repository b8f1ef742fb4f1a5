/**
 * JSON-serialisable `data` for each SDK event published on `events$` (and from there on the bus).
 * SDK arguments are class instances (Call, TwilioError, RTCSample); only plain fields cross over.
 */
import type { CallSdkEvent, DeviceSdkEvent } from './sdkEvents';
import type { CallLike } from './sdkTypes';
import { twilioCodeOf } from './errors';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Deep copy keeping only JSON values (drops functions, class internals beyond depth, cycles). */
export function toJson(value: unknown, depth = 4): JsonValue {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (depth <= 0 || typeof value !== 'object') return null;
  if (Array.isArray(value)) return value.map((v) => toJson(v, depth - 1));
  const out: { [key: string]: JsonValue } = {};
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'function' || v === undefined) continue;
    out[key] = toJson(v, depth - 1);
  }
  return out;
}

function errorData(error: unknown): JsonValue {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { message?: unknown; explanation?: unknown };
  return {
    code: twilioCodeOf(error) ?? null,
    message: typeof e.message === 'string' ? e.message : String(error),
    ...(typeof e.explanation === 'string' && e.explanation.length > 0 && { explanation: e.explanation }),
  };
}

function messageData(message: unknown): JsonValue {
  const m = (typeof message === 'object' && message !== null ? message : {}) as Record<string, unknown>;
  return {
    content: toJson(m.content, 8),
    contentType: typeof m.contentType === 'string' ? m.contentType : null,
    messageType: typeof m.messageType === 'string' ? m.messageType : null,
    voiceEventSid: typeof m.voiceEventSid === 'string' ? m.voiceEventSid : null,
  };
}

function warningData(name: unknown, data: unknown): JsonValue {
  const d = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  return {
    name: String(name),
    ...(d.value !== undefined && { value: toJson(d.value) }),
    ...(d.values !== undefined && { values: toJson(d.values) }),
    ...(d.threshold !== undefined && { threshold: toJson(d.threshold) }),
  };
}

export function callEventData(event: CallSdkEvent, call: CallLike): JsonValue {
  const [first, second] = event.args;
  switch (event.name) {
    case 'accept':
      return { codec: call.codec || null, twilioCallSid: call.parameters.CallSid ?? null };
    case 'ringing':
      return { hasEarlyMedia: first === true };
    case 'mute':
      return { muted: first === true };
    case 'error':
    case 'reconnecting':
      return errorData(first);
    case 'messageReceived':
    case 'messageSent':
      return messageData(first);
    case 'volume':
      return { input: typeof first === 'number' ? first : 0, output: typeof second === 'number' ? second : 0 };
    case 'warning':
      return warningData(first, second);
    case 'warning-cleared':
      return { name: String(first) };
    case 'sample':
      return toJson(first, 3);
    case 'cancel':
    case 'disconnect':
    case 'reconnected':
    case 'reject':
      return null;
  }
}

export function deviceEventData(
  event: DeviceSdkEvent,
  incoming?: { callSid: string; from: string | null; to: string | null; customParameters: Record<string, string> },
): JsonValue {
  switch (event.name) {
    case 'error':
      return errorData(event.args[0]);
    case 'incoming':
      return incoming ? { ...incoming } : null;
    case 'registered':
    case 'registering':
    case 'unregistered':
    case 'tokenWillExpire':
    case 'destroyed':
      return null;
  }
}
