import { z } from 'zod';

/** PStream protocol version the SDK speaks (pstream.js PSTREAM_VERSION). */
export const PSTREAM_VERSION = '1.6';
export const MAX_FRAME_BYTES = 256 * 1024;
/** Twilio's limit for a call message's content. */
export const MAX_MESSAGE_CONTENT_BYTES = 10 * 1024;

const callsid = z.string().min(1).max(64);
const sdp = z
  .string()
  .min(1)
  .max(128 * 1024);

/** Frames the SDK sends, keyed by `type`, with the fields the gateway relies on. */
export const inboundPayloads = {
  listen: z.object({
    token: z
      .string()
      .min(1)
      .max(16 * 1024),
    /** Seconds a call may wait for this Device to reconnect its signaling (the SDK caps it). */
    reconnectTimeout: z.number().int().min(0).max(3600).optional(),
  }),
  register: z.object({ media: z.unknown().optional() }),
  invite: z.object({
    callsid,
    sdp,
    reconnect: z.string().max(256).optional(),
    twilio: z
      .object({
        params: z
          .string()
          .max(16 * 1024)
          .optional(),
      })
      .optional(),
  }),
  answer: z.object({ callsid, sdp }),
  hangup: z.object({ callsid: callsid.optional(), message: z.unknown().optional() }),
  cancel: z.object({ callsid }),
  reject: z.object({ callsid }),
  dtmf: z.object({ callsid, dtmf: z.string().regex(/^[0-9*#w]{1,64}$/) }),
  message: z.object({
    callsid,
    // The SDK sends `content` as given to Call.sendMessage (any JSON value); it is relayed unchanged.
    content: z.unknown().refine((v) => v !== undefined && v !== null, 'content is required'),
    contenttype: z.string().max(128).optional(),
    messagetype: z.string().min(1).max(128),
    voiceeventsid: z.string().min(1).max(64),
  }),
  reinvite: z.object({ callsid, sdp }),
} as const;

export type InboundType = keyof typeof inboundPayloads;
export type InboundFrame = {
  [K in InboundType]: { type: K; payload: z.infer<(typeof inboundPayloads)[K]> };
}[InboundType];

export type FrameParse =
  | { ok: true; frame: InboundFrame }
  | { ok: false; reason: 'heartbeat' }
  | {
      ok: false;
      reason: 'malformed' | 'unknown_type' | 'invalid_payload';
      message: string;
      callsid?: string;
      voiceeventsid?: string;
    };

const envelope = z.object({
  type: z.string().max(64),
  payload: z.unknown().optional(),
  version: z.string().optional(),
});

function isInboundType(type: string): type is InboundType {
  return Object.prototype.hasOwnProperty.call(inboundPayloads, type);
}

function stringField(payload: unknown, key: string): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const value = (payload as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

/** Parses one text frame. Never throws: bad input is reported so the session can answer with an `error` frame. */
export function parseFrame(text: string): FrameParse {
  if (text === '\n') return { ok: false, reason: 'heartbeat' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'malformed', message: 'Frame is not valid JSON' };
  }
  const outer = envelope.safeParse(json);
  if (!outer.success)
    return { ok: false, reason: 'malformed', message: 'Frame must be an object with a string "type"' };
  const { type, payload = {} } = outer.data;
  if (!isInboundType(type)) return { ok: false, reason: 'unknown_type', message: `Unknown message type "${type}"` };
  const parsed = inboundPayloads[type].safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      reason: 'invalid_payload',
      message: `Invalid "${type}" payload${issue ? `: ${issue.path.join('.') || 'payload'} ${issue.message}` : ''}`,
      callsid: stringField(payload, 'callsid'),
      voiceeventsid: stringField(payload, 'voiceeventsid'),
    };
  }
  return { ok: true, frame: { type, payload: parsed.data } as InboundFrame };
}
