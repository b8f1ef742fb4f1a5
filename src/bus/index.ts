/** Public API of the softphone bus: the v1 contract, the window transport, the host and the client. */
export * from '../contract/schema';
export * from '../contract/results';
export { SoftphoneCommandError, isSoftphoneCommandError } from './errors';
export { toWireData, NotSerializableError, type BusTarget, type BusDetailMap } from './transport';
export { parseCommand, type ParsedCommand } from './parseCommand';
export { attachToBus, type AttachToBusOptions } from './host';
export { CROSS_TAB_CHANNEL, CrossTabMessageSchema, listenToOtherTabs, type CrossTabMessage, type CrossTabHandlers } from './crossTab';
export { createSoftphoneClient, DEFAULT_COMMAND_TIMEOUT_MS, type SoftphoneClient, type SoftphoneClientOptions } from './client';
