/**
 * Public contract v1 of the cross-app softphone bus (see README "Bus API").
 *
 * Everything that crosses the window boundary is described here as a zod schema; the TypeScript
 * types are inferred from the schemas so the runtime check and the compile-time type cannot drift.
 * Changes to this file must be additive: sibling apps written by other teams depend on it.
 */
import { z } from 'zod';

export const BUS_VERSION = 1 as const;

/** CustomEvent names on `window`. */
export const BusEvents = {
  command: 'softphone:command',
  reply: 'softphone:reply',
  state: 'softphone:state',
  stateRequest: 'softphone:state-request',
  event: 'softphone:event',
} as const;
export type BusEventName = (typeof BusEvents)[keyof typeof BusEvents];

/** Stable error codes carried by `ok: false` replies and by `SoftphoneError`. */
export const ERROR_CODES = [
  'invalid_command', // not an object, wrong v, unknown type, missing/invalid fields
  'invalid_number', // dial target is neither E.164 nor client:<identity>
  'invalid_digits', // DTMF outside [0-9*#w]
  'invalid_argument', // any other argument out of range (feedback score, device id, message size)
  'no_active_call', // no call matches (no call at all, or no call with that callSid)
  'not_ready', // device not registered / not created yet / destroyed
  'busy', // already in a call and cannot start or accept another
  'wrong_state', // the call exists but the action does not apply to its status
  'ambiguous_target', // several softphones on the page and the command named none
  'unknown_target', // target names no softphone on the page
  'microphone_denied', // permission to use the microphone was refused
  'unsupported', // the browser cannot run the Voice SDK / lacks the feature
  'token_error', // could not obtain or refresh an access token
  'sdk_error', // the Voice SDK reported an error while executing the command
  'timeout', // (client side) no reply arrived in time
  'internal_error', // unexpected failure inside the softphone
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const FEEDBACK_ISSUES = [
  'audio-latency',
  'choppy-audio',
  'dropped-call',
  'echo',
  'noisy-call',
  'one-way-audio',
] as const;
export const FeedbackIssueSchema = z.enum(FEEDBACK_ISSUES);
export type FeedbackIssue = z.infer<typeof FeedbackIssueSchema>;

export const CALL_WARNINGS = [
  'high-rtt',
  'high-jitter',
  'low-mos',
  'high-packet-loss',
  'high-packets-lost-fraction',
  'low-bytes-received',
  'low-bytes-sent',
  'constant-audio-input-level',
  'ice-connectivity-lost',
] as const;

/** DTMF the SDK accepts: digits, star, pound and `w` (half-second pause). */
export const DTMF_PATTERN = /^[0-9*#w]+$/;
export const MAX_DTMF_LENGTH = 256;
/** Twilio limits a call message's content to 10 KB. */
export const MAX_MESSAGE_BYTES = 10 * 1024;
export const MAX_PARAM_COUNT = 32;

const Identity = z.string().min(1).max(121);
const CallSidArg = z.string().min(1).max(64);
const ParamsSchema = z
  .record(z.string().min(1).max(64), z.string().max(1024))
  .refine((p) => Object.keys(p).length <= MAX_PARAM_COUNT, { message: `at most ${MAX_PARAM_COUNT} params` });

/** Fields every command shares. `target` addresses one softphone by its identity. */
const Base = {
  v: z.literal(BUS_VERSION),
  id: z.string().min(1).max(128),
  target: Identity.optional(),
};

export const CommandSchema = z.discriminatedUnion('type', [
  z.object({ ...Base, type: z.literal('register') }),
  z.object({ ...Base, type: z.literal('unregister') }),
  z.object({ ...Base, type: z.literal('dial'), to: z.string().min(1).max(256), params: ParamsSchema.optional() }),
  z.object({ ...Base, type: z.literal('hangup'), callSid: CallSidArg.optional() }),
  z.object({ ...Base, type: z.literal('hangupAll') }),
  z.object({ ...Base, type: z.literal('accept'), callSid: CallSidArg.optional() }),
  z.object({ ...Base, type: z.literal('reject'), callSid: CallSidArg.optional() }),
  z.object({ ...Base, type: z.literal('ignore'), callSid: CallSidArg.optional() }),
  z.object({ ...Base, type: z.literal('mute'), muted: z.boolean().optional(), callSid: CallSidArg.optional() }),
  z.object({ ...Base, type: z.literal('sendDigits'), digits: z.string(), callSid: CallSidArg.optional() }),
  z.object({
    ...Base,
    type: z.literal('sendMessage'),
    content: z.unknown(),
    messageType: z.string().min(1).max(64).optional(),
    callSid: CallSidArg.optional(),
  }),
  z.object({ ...Base, type: z.literal('setInputDevice'), deviceId: z.string().min(1).max(512) }),
  z.object({
    ...Base,
    type: z.literal('setOutputDevice'),
    deviceIds: z.array(z.string().min(1).max(512)).min(1).max(8),
  }),
  z.object({
    ...Base,
    type: z.literal('postFeedback'),
    score: z.number().int().min(1).max(5),
    issue: FeedbackIssueSchema.optional(),
    callSid: CallSidArg.optional(),
  }),
]);
export type Command = z.infer<typeof CommandSchema>;
export type CommandType = Command['type'];
export const COMMAND_TYPES: readonly CommandType[] = CommandSchema.options.map((o) => o.shape.type.value);

/** Arguments of one command type, without the envelope fields. */
export type CommandArgs<T extends CommandType> = Omit<Extract<Command, { type: T }>, 'v' | 'id' | 'type' | 'target'>;

export const BusErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** Twilio's numeric error code when the SDK raised the error. */
  twilioCode: z.number().int().optional(),
});
export type BusError = z.infer<typeof BusErrorSchema>;

export const ReplySchema = z.discriminatedUnion('ok', [
  z.object({ v: z.literal(BUS_VERSION), id: z.string(), instance: z.string().optional(), ok: z.literal(true), result: z.unknown().optional() }),
  z.object({ v: z.literal(BUS_VERSION), id: z.string(), instance: z.string().optional(), ok: z.literal(false), error: BusErrorSchema }),
]);
export type Reply = z.infer<typeof ReplySchema>;

export const StateRequestSchema = z.object({ v: z.literal(BUS_VERSION), target: Identity.optional() });
export type StateRequest = z.infer<typeof StateRequestSchema>;

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

/**
 * Device lifecycle. The SDK's own states (`unregistered`, `registering`, `registered`, `destroyed`)
 * plus `initializing` (permission/token/SDK load in progress, no Device yet) and `unsupported`.
 */
export const DeviceStateSchema = z.enum(['initializing', 'unsupported', 'unregistered', 'registering', 'registered', 'destroyed']);
export type DeviceStateName = z.infer<typeof DeviceStateSchema>;

export const MicrophonePermissionSchema = z.enum(['unknown', 'prompt', 'granted', 'denied', 'unavailable']);
export type MicrophonePermission = z.infer<typeof MicrophonePermissionSchema>;

/** The SDK's Call.State values. */
export const CallStatusSchema = z.enum(['pending', 'connecting', 'ringing', 'open', 'reconnecting', 'closed']);
export type CallStatus = z.infer<typeof CallStatusSchema>;

export const MediaDeviceSchema = z.object({ deviceId: z.string(), label: z.string(), groupId: z.string().optional() });
export type MediaDeviceSummary = z.infer<typeof MediaDeviceSchema>;

export const CallMessageLogEntrySchema = z.object({
  direction: z.enum(['sent', 'received']),
  content: z.unknown(),
  messageType: z.string(),
  voiceEventSid: z.string().optional(),
  at: z.number(),
});
export type CallMessageLogEntry = z.infer<typeof CallMessageLogEntrySchema>;

export const CallStateSchema = z.object({
  /** Stable id of the call for its whole life: the CallSid for incoming calls, the SDK's temporary outbound id for outgoing ones. */
  sid: z.string(),
  /** Twilio's CallSid once known (outgoing calls learn it at ringing/answer). Commands accept either id. */
  twilioCallSid: z.string().nullable(),
  direction: z.enum(['incoming', 'outgoing']),
  status: CallStatusSchema,
  from: z.string().nullable(),
  to: z.string().nullable(),
  muted: z.boolean(),
  codec: z.string().nullable(),
  startedAt: z.number(),
  answeredAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  /** Why a closed call ended: 'local-hangup', 'remote-hangup', 'rejected', 'ignored', 'canceled', 'error', ... */
  endReason: z.string().nullable(),
  customParameters: z.record(z.string(), z.string()),
  warnings: z.array(z.string()),
  reconnecting: z.boolean(),
  messages: z.array(CallMessageLogEntrySchema),
  feedbackSent: z.boolean(),
});
export type CallState = z.infer<typeof CallStateSchema>;

export const LastErrorSchema = z.object({
  code: z.union([z.number(), z.string()]),
  message: z.string(),
  explanation: z.string(),
  solutions: z.array(z.string()),
  /** 'transient' errors are shown as snackbars, 'blocking' ones inline until resolved. */
  severity: z.enum(['transient', 'blocking']),
  source: z.enum(['device', 'call', 'token', 'microphone', 'audio', 'command']),
  callSid: z.string().optional(),
  at: z.number(),
});
export type LastError = z.infer<typeof LastErrorSchema>;

export const SoftphoneStateSchema = z.object({
  v: z.literal(BUS_VERSION),
  instance: z.string(),
  device: z.object({
    state: DeviceStateSchema,
    identity: z.string().nullable(),
    isBusy: z.boolean(),
    edge: z.string().nullable(),
    home: z.string().nullable(),
    tokenExpiresAt: z.number().nullable(),
    supported: z.boolean(),
  }),
  microphone: z.object({ permission: MicrophonePermissionSchema }),
  audio: z.object({
    inputs: z.array(MediaDeviceSchema),
    outputs: z.array(MediaDeviceSchema),
    selectedInput: z.string().nullable(),
    selectedOutputs: z.array(z.string()),
    selectedRingtoneOutputs: z.array(z.string()),
    outputSelectionSupported: z.boolean(),
  }),
  calls: z.array(CallStateSchema),
  activeCallSid: z.string().nullable(),
  lastError: LastErrorSchema.nullable(),
});
export type SoftphoneState = z.infer<typeof SoftphoneStateSchema>;

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

export const DEVICE_EVENT_NAMES = ['registered', 'registering', 'unregistered', 'incoming', 'error', 'tokenWillExpire', 'destroyed'] as const;
export const CALL_EVENT_NAMES = [
  'accept',
  'cancel',
  'disconnect',
  'error',
  'messageReceived',
  'messageSent',
  'mute',
  'reconnected',
  'reconnecting',
  'reject',
  'ringing',
  'sample',
  'volume',
  'warning',
  'warning-cleared',
] as const;

export const SoftphoneEventSchema = z.discriminatedUnion('source', [
  z.object({
    v: z.literal(BUS_VERSION),
    instance: z.string(),
    source: z.literal('device'),
    name: z.enum(DEVICE_EVENT_NAMES),
    callSid: z.string().optional(),
    at: z.number(),
    data: z.unknown(),
  }),
  z.object({
    v: z.literal(BUS_VERSION),
    instance: z.string(),
    source: z.literal('call'),
    name: z.enum(CALL_EVENT_NAMES),
    callSid: z.string().optional(),
    at: z.number(),
    data: z.unknown(),
  }),
]);
export type SoftphoneEvent = z.infer<typeof SoftphoneEventSchema>;
export type DeviceEventName = (typeof DEVICE_EVENT_NAMES)[number];
export type CallEventName = (typeof CALL_EVENT_NAMES)[number];
