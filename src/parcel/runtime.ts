/**
 * Everything a mounted softphone needs beyond the lifecycles: UI (MUI), VoiceService, bus host and number
 * validation. Loaded as one lazy chunk on first bootstrap, so the module entry stays small for hosts that
 * only use the bus client.
 */
import { attachToBus } from '../bus/host';
import { createVoiceService } from '../voice/createVoiceService';
import { loadClientConfig } from './clientConfig';
import type { InstanceDeps } from './instance';

export { SoftphoneInstance } from './instance';
export { ParcelRoot, ParcelCrash } from './ParcelRoot';

export const defaultInstanceDeps: InstanceDeps = {
  createService: (config) => createVoiceService(config),
  attachToBus: (service) => attachToBus(service),
  loadClientConfig: (url) => loadClientConfig(url),
  warn: (message) => console.error(`[@switchboard/softphone] ${message}`),
};
