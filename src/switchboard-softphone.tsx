/**
 * The in-browser module `@switchboard/softphone`: the four parcel lifecycles for
 * `mountRootParcel(System.import('@switchboard/softphone'), { domElement, identity, ... })`, and the public
 * bus client sibling apps use. Only wiring lives here; the UI and the voice service load lazily at bootstrap.
 *
 * The list below is the module's public API, named one by one so nothing internal leaks into it by accident:
 * the lifecycles (also as `parcelConfig`), the `Softphone` React component, the bus client, and the contract v1 types, constants and schemas a sibling works with.
 */
import './contract/zodConfig'; // first: before any schema parses (see the file)
import { createParcelLifecycles, type ParcelLifecycles } from './parcel/lifecycles';

const lifecycles = createParcelLifecycles();

export const bootstrap = lifecycles.bootstrap;
export const mount = lifecycles.mount;
export const unmount = lifecycles.unmount;
export const update = lifecycles.update;
/** The same lifecycles as one object, for single-spa-react's `<Parcel config={parcelConfig} ... />`. */
export const parcelConfig: ParcelLifecycles = { bootstrap, mount, unmount, update };
export { createParcelLifecycles, type ParcelLifecycles, type LifecycleProps } from './parcel/lifecycles';
export { Softphone, type SoftphoneProps } from './parcel/Softphone';
export type { ParcelPropsInput as SoftphoneParcelProps, ThemeOverrides } from './parcel/props';

// The bus client and its errors.
export {
  createSoftphoneClient,
  DEFAULT_COMMAND_TIMEOUT_MS,
  type SoftphoneClient,
  type SoftphoneClientOptions,
} from './bus/client';
export { SoftphoneCommandError, isSoftphoneCommandError } from './bus/errors';
export {
  CROSS_TAB_CHANNEL,
  CrossTabMessageSchema,
  listenToOtherTabs,
  type CrossTabMessage,
  type CrossTabHandlers,
} from './bus/crossTab';
export type { CommandMethods, CommandParameters } from './contract/commandCalls';

// Contract v1: names and codes.
export { BUS_VERSION, BusEvents, type BusEventName } from './contract/busEvents';
export {
  ERROR_CODES,
  ErrorCodeSchema,
  STATE_ERROR_CODES,
  type ErrorCode,
  type StateErrorCode,
  type LastErrorCode,
} from './contract/errorCodes';
export { COMMAND_TYPES, type CommandType, type CommandResult, type CommandResultMap } from './contract/commands';
export { FEEDBACK_ISSUES, FeedbackIssueSchema, type FeedbackIssue } from './contract/feedback';
export { CALL_WARNINGS } from './contract/schemaState';
export { CALL_EVENT_NAMES, DEVICE_EVENT_NAMES, type CallEventName, type DeviceEventName } from './contract/schemaEvent';

// Contract v1: messages, with the schemas that validate them.
export { CommandSchema, type Command, type CommandArgs } from './contract/schemaCommand';
export {
  BusErrorSchema,
  ReplySchema,
  StateRequestSchema,
  type BusError,
  type Reply,
  type StateRequest,
} from './contract/schemaReply';
export {
  DialResultSchema,
  MuteResultSchema,
  SendMessageResultSchema,
  type DialResult,
  type MuteResult,
  type SendMessageResult,
} from './contract/results';
export {
  CallStateSchema,
  LastErrorSchema,
  SoftphoneStateSchema,
  type CallMessageLogEntry,
  type CallState,
  type CallStatus,
  type DeviceStateName,
  type LastError,
  type MediaDeviceSummary,
  type MicrophonePermission,
  type SoftphoneState,
} from './contract/schemaState';
export { SoftphoneEventSchema, type SoftphoneEvent } from './contract/schemaEvent';
