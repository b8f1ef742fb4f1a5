/**
 * The in-browser module `@switchboard/softphone`: the four parcel lifecycles for
 * `mountRootParcel(System.import('@switchboard/softphone'), { domElement, identity, ... })`, and the public
 * bus client sibling apps use. Only wiring lives here; the UI and the voice service load lazily at bootstrap.
 */
import './contract/zodConfig'; // first: before any schema parses (see the file)
import { createParcelLifecycles } from './parcel/lifecycles';

const lifecycles = createParcelLifecycles();

export const bootstrap = lifecycles.bootstrap;
export const mount = lifecycles.mount;
export const unmount = lifecycles.unmount;
export const update = lifecycles.update;

export * from './contract/schema';
export * from './contract/results';
export { SoftphoneCommandError, isSoftphoneCommandError } from './bus/errors';
export { createSoftphoneClient, DEFAULT_COMMAND_TIMEOUT_MS, type SoftphoneClient, type SoftphoneClientOptions } from './bus/client';
export { CROSS_TAB_CHANNEL, CrossTabMessageSchema, listenToOtherTabs, type CrossTabMessage, type CrossTabHandlers } from './bus/crossTab';
export { createParcelLifecycles, type ParcelLifecycles, type LifecycleProps } from './parcel/lifecycles';
