/**
 * The in-browser module `@switchboard/softphone` (the SystemJS build's entry): the four parcel lifecycles for
 * `mountRootParcel(System.import('@switchboard/softphone'), { domElement, identity, ... })`, and the public
 * bus client sibling apps use. Only wiring lives here; the UI and the voice service load lazily at bootstrap, the
 * client's validators when a client is created (bus/lazyValidators.ts), and the contract's zod schemas on
 * `loadContractSchemas()`: this entry carries no zod.
 *
 * The list below is the module's public API, named one by one so nothing internal leaks into it by accident:
 * the lifecycles (also as `parcelConfig`), the `Softphone` React component, the bus client, and the contract v1
 * types and constants a sibling works with. The ESM build (switchboard-softphone.tsx) adds the schemas themselves.
 */
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
export { CROSS_TAB_CHANNEL, listenToOtherTabs, type CrossTabMessage, type CrossTabHandlers } from './bus/crossTab';
export type { CommandMethods, CommandParameters } from './contract/commandCalls';

// Contract v1: names and codes.
export { BUS_VERSION, BusEvents, type BusEventName } from './contract/busEvents';
export {
  CALL_EVENT_NAMES,
  CALL_WARNINGS,
  DEVICE_EVENT_NAMES,
  ERROR_CODES,
  FEEDBACK_ISSUES,
  STATE_ERROR_CODES,
  type CallEventName,
  type DeviceEventName,
  type ErrorCode,
  type FeedbackIssue,
  type StateErrorCode,
} from './contract/names';
export type { LastErrorCode } from './contract/errorCodes';
export { COMMAND_TYPES, type CommandType } from './contract/commandNames';
export type { CommandResult, CommandResultMap } from './contract/commands';

// Contract v1: the messages' types (the schemas that validate them: loadContractSchemas, or the ESM build).
export type { Command, CommandArgs } from './contract/schemaCommand';
export type { BusError, Reply, StateRequest } from './contract/schemaReply';
export type { DialResult, MuteResult, SendMessageResult } from './contract/results';
export type {
  CallMessageLogEntry,
  CallState,
  CallStatus,
  DeviceStateName,
  LastError,
  MediaDeviceSummary,
  MicrophonePermission,
  SoftphoneState,
} from './contract/schemaState';
export type { SoftphoneEvent } from './contract/schemaEvent';
export { loadContractSchemas, type ContractSchemas } from './contractSchemasLoader';
