/**
 * Public contract v1 of the cross-app softphone bus (see README "Bus API"), in one import: every message
 * that crosses the window boundary is a zod schema here, with its TypeScript type inferred from it so the
 * runtime check and the compile-time type cannot drift. Changes must be additive: sibling apps written
 * by other teams depend on it. Each part lives in its own module; this file only gathers them.
 */
export { BUS_VERSION, BusEvents, type BusEventName } from './busEvents.js';
export {
  ERROR_CODES,
  ErrorCodeSchema,
  STATE_ERROR_CODES,
  LastErrorCodeSchema,
  TwilioCodeSchema,
  type ErrorCode,
  type StateErrorCode,
  type LastErrorCode,
} from './errorCodes.js';
export { FEEDBACK_ISSUES, FeedbackIssueSchema, type FeedbackIssue } from './feedback.js';
export { DTMF_PATTERN, MAX_DTMF_LENGTH } from './digits.js';
export { MAX_MESSAGE_BYTES } from './message.js';
export { MAX_PARAM_COUNT } from './dialParams.js';
export { COMMAND_TABLE, COMMAND_TYPES, type CommandType } from './commands.js';
export {
  CALL_CONTROL_EVENT_NAMES,
  CONSULT_FOR_PARAMETER,
  HoldResultSchema,
  LINE_PARAMETER,
  MergeResultSchema,
  TRANSFER_MODES,
  TransferModeSchema,
  TransferResultSchema,
  type CallControlEventName,
  type HoldResult,
  type MergeResult,
  type TransferMode,
  type TransferResult,
} from './callControl.js';
export { CommandSchema, type Command, type CommandArgs } from './schemaCommand.js';
export {
  BusErrorSchema,
  ReplySchema,
  StateRequestSchema,
  type BusError,
  type Reply,
  type StateRequest,
} from './schemaReply.js';
export {
  CALL_WARNINGS,
  CallMessageLogEntrySchema,
  CallStateSchema,
  CallStatusSchema,
  DeviceStateSchema,
  LastErrorSchema,
  MediaDeviceSchema,
  MicrophonePermissionSchema,
  SoftphoneStateSchema,
  type CallMessageLogEntry,
  type CallState,
  type CallStatus,
  type DeviceStateName,
  type LastError,
  type MediaDeviceSummary,
  type MicrophonePermission,
  type SoftphoneState,
} from './schemaState.js';
export {
  DEFAULT_HISTORY_LIMIT,
  HistoryEntrySchema,
  HistoryResultSchema,
  MAX_HISTORY_ENTRIES,
  SavedDeviceKindSchema,
  TabInfoSchema,
  type HistoryEntry,
  type HistoryResult,
  type SavedDeviceKind,
  type TabInfo,
} from './history.js';
export {
  HISTORY_EVENT_CALLS,
  CALL_EVENT_NAMES,
  DEVICE_EVENT_NAMES,
  SoftphoneEventSchema,
  type CallEventName,
  type DeviceEventName,
  type SoftphoneEvent,
} from './schemaEvent.js';
