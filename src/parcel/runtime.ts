/**
 * Everything a mounted softphone needs beyond the lifecycles: UI (MUI), VoiceService, bus host and number
 * validation. Loaded as one lazy chunk on first bootstrap, so the module entry stays small for hosts that
 * only use the bus client.
 */
import '../contract/zodConfig'; // first: before any schema parses (the module entry carries no zod)
import { attachToBus } from '../bus/host';
import createCache, { type EmotionCache } from '@emotion/cache';
import { EMOTION_CACHE_KEY } from '../ui/SoftphoneApp';
import { cachedClientConfig, loadClientConfigOnce } from './clientConfig';
import type { InstanceDeps } from './instance';
import { createTabbedPhone } from './createTabbedPhone';

export { SoftphoneInstance } from './instance';
export { ParcelRoot, ParcelCrash } from './ParcelRoot';

export const defaultInstanceDeps: InstanceDeps = {
  createService: (config) => createTabbedPhone(config),
  attachToBus: (service) => attachToBus(service),
  loadClientConfig: (url) => loadClientConfigOnce(url),
  cachedClientConfig: (url) => cachedClientConfig(url),
  warn: (message) => console.error(`[@switchboard/softphone] ${message}`),
};

let pageEmotionCache: EmotionCache | null = null;

/**
 * One emotion cache for every softphone on the page, kept for the page's life: mounting again reuses the styles
 * instead of serialising them anew (about half of a warm mount's time), and the set of rules is bounded.
 */
export function sharedEmotionCache(): EmotionCache {
  pageEmotionCache ??= createCache({ key: EMOTION_CACHE_KEY });
  return pageEmotionCache;
}
