/**
 * `softphone:state`: the full `SoftphoneState` snapshot every softphone publishes on each change. Changes
 * must be additive: sibling apps written by other teams read it.
 */
import * as z from 'zod/mini';
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

export { CALL_WARNINGS } from './names.js'; // zod-free, for the module entry

export const MediaDeviceSchema = z.object({ deviceId: z.string(), label: z.string(), groupId: z.optional(z.string()) });
export type MediaDeviceSummary = z.infer<typeof MediaDeviceSchema>;

export const CallMessageLogEntrySchema = z.object({
  direction: z.enum(['sent', 'received']),
  content: z.unknown(),
  messageType: z.string(),
  voiceEventSid: z.optional(z.string()),
  at: z.number(),
});
export type CallMessageLogEntry = z.infer<typeof CallMessageLogEntrySchema>;

export const CallStateSchema = z.object({
  /** Stable id of the call for its whole life: the CallSid for incoming calls, the SDK's temporary outbound id for outgoing ones. */
  sid: z.string(),
  /** Twilio's CallSid once known (outgoing calls learn it at ringing/answer). Commands accept either id. */
  twilioCallSid: z.nullable(z.string()),
  direction: z.enum(['incoming', 'outgoing']),
  status: CallStatusSchema,
  from: z.nullable(z.string()),
  to: z.nullable(z.string()),
  muted: z.boolean(),
  codec: z.nullable(z.string()),
  startedAt: z.number(),
  answeredAt: z.nullable(z.number()),
  endedAt: z.nullable(z.number()),
  /** Why a closed call ended: 'local-hangup', 'remote-hangup', 'rejected', 'ignored', 'canceled', 'error', ... */
  endReason: z.nullable(z.string()),
  customParameters: z.record(z.string(), z.string()),
  warnings: z.array(z.string()),
  reconnecting: z.boolean(),
  messages: z.array(CallMessageLogEntrySchema),
  feedbackSent: z.boolean(),
  // Call control (added later; older producers omit them, hence the defaults).
  /** The far end hears hold music and our microphone is not sent. */
  held: z._default(z.boolean(), false),
  /** Epoch ms the call was put on hold; null while not held. */
  heldAt: z._default(z.nullable(z.number()), null),
  /** The conference this call became part of (merge); null otherwise. */
  conferenceSid: z._default(z.nullable(z.string()), null),
  /** A consult call of a warm transfer: the `sid` of the call it consults for; null otherwise. */
  consultFor: z._default(z.nullable(z.string()), null),
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
  callSid: z.optional(z.string()),
  at: z.number(),
});
export type LastError = z.infer<typeof LastErrorSchema>;

export const SoftphoneStateSchema = z.object({
  v: z.literal(BUS_VERSION),
  instance: z.string(),
  device: z.object({
    state: DeviceStateSchema,
    identity: z.nullable(z.string()),
    isBusy: z.boolean(),
    edge: z.nullable(z.string()),
    home: z.nullable(z.string()),
    tokenExpiresAt: z.nullable(z.number()),
    supported: z.boolean(),
    /** Present where the softphone coordinates tabs (the parcel does): this tab's role and the tab count. */
    tab: z.optional(TabInfoSchema),
    /** Epoch ms the gateway last confirmed the registration (added later: older producers omit it). */
    registrationConfirmedAt: z.optional(z.nullable(z.number())),
  }),
  microphone: z.object({ permission: MicrophonePermissionSchema }),
  audio: z.object({
    inputs: z.array(MediaDeviceSchema),
    outputs: z.array(MediaDeviceSchema),
    selectedInput: z.nullable(z.string()),
    selectedOutputs: z.array(z.string()),
    selectedRingtoneOutputs: z.array(z.string()),
    outputSelectionSupported: z.boolean(),
    /** Saved choices that no longer exist after a restart; the default is used instead. */
    savedDeviceMissing: z.optional(z.array(SavedDeviceKindSchema)),
  }),
  calls: z.array(CallStateSchema),
  activeCallSid: z.nullable(z.string()),
  lastError: z.nullable(LastErrorSchema),
});
export type SoftphoneState = z.infer<typeof SoftphoneStateSchema>;
