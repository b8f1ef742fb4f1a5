/**
 * The in-browser module `@switchboard/softphone`: the four parcel lifecycles for
 * `mountRootParcel(System.import('@switchboard/softphone'), { domElement, identity, ... })`, and the public
 * bus API sibling apps use. Only wiring lives here.
 */
import { createParcelLifecycles } from './parcel/lifecycles';

const lifecycles = createParcelLifecycles();

export const bootstrap = lifecycles.bootstrap;
export const mount = lifecycles.mount;
export const unmount = lifecycles.unmount;
export const update = lifecycles.update;

export * from './bus/index';
export { createParcelLifecycles } from './parcel/lifecycles';
export { ParcelPropsSchema, type ParcelPropsInput } from './parcel/props';
export { parseDialTarget, validateDigits } from './voice/validation';
export { SoftphoneError, isSoftphoneError, type SoftphoneService, type CallVolume } from './voice/types';
