/**
 * `softphone:state`: the full `SoftphoneState` snapshot every softphone publishes on each change. Changes
 * must be additive: sibling apps written by other teams read it.
 */
import { z } from 'zod';
import { BUS_VERSION } from './busEvents.js';
import { LastErrorCodeSchema } from './errorCodes.js';
import { SavedDeviceKindSchema, TabInfoSchema } from './history.js';

/**
 * Device lifecycle. The SDK's own states (`unregistered`, `registering`, `registered`, `destroyed`)
 * plus `initializing` (permission/token/SDK load in progress, no Device yet), `unsupported`, and
 * `reconnecting` (added later): the softphone means to be registered but the gateway would not route a
 * call to it right now (signaling lost, token refused); it recovers on its own.
 */
export const DeviceStateSchema = z.enum([
  'initializing',
  'unsupported',
  'unregistered',
  'registering',
  'registered',
  'destroyed',
  'reconnecting',
]);
export type DeviceStateName = z.infer<typeof DeviceStateSchema>;

export const MicrophonePermissionSchema = z.enum(['unknown', 'prompt', 'granted', 'denied', 'unavailable']);
export type MicrophonePermission = z.infer<typeof MicrophonePermissionSchema>;

/** The SDK's Call.State values. */
export const CallStatusSchema = z.enum(['pending', 'connecting', 'ringing', 'open', 'reconnecting', 'closed']);
export type CallStatus = z.infer<typeof CallStatusSchema>;

/** The SDK's call quality warning names (`warning` / `warning-cleared` events). */
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
  // Call control (added later; older producers omit them, hence the defaults).
  /** The far end hears hold music and our microphone is not sent. */
  held: z.boolean().default(false),
  /** Epoch ms the call was put on hold; null while not held. */
  heldAt: z.number().nullable().default(null),
  /** The conference this call became part of (merge); null otherwise. */
  conferenceSid: z.string().nullable().default(null),
  /** A consult call of a warm transfer: the `sid` of the call it consults for; null otherwise. */
  consultFor: z.string().nullable().default(null),
});
export type CallState = z.infer<typeof CallStateSchema>;

export const LastErrorSchema = z.object({
  code: LastErrorCodeSchema,
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
    /** Present where the softphone coordinates tabs (the parcel does): this tab's role and the tab count. */
    tab: TabInfoSchema.optional(),
    /** Epoch ms the gateway last confirmed the registration (added later: older producers omit it). */
    registrationConfirmedAt: z.number().nullable().optional(),
  }),
  microphone: z.object({ permission: MicrophonePermissionSchema }),
  audio: z.object({
    inputs: z.array(MediaDeviceSchema),
    outputs: z.array(MediaDeviceSchema),
    selectedInput: z.string().nullable(),
    selectedOutputs: z.array(z.string()),
    selectedRingtoneOutputs: z.array(z.string()),
    outputSelectionSupported: z.boolean(),
    /** Saved choices that no longer exist after a restart; the default is used instead. */
    savedDeviceMissing: z.array(SavedDeviceKindSchema).optional(),
  }),
  calls: z.array(CallStateSchema),
  activeCallSid: z.string().nullable(),
  lastError: LastErrorSchema.nullable(),
});
export type SoftphoneState = z.infer<typeof SoftphoneStateSchema>;
