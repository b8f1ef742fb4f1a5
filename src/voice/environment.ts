/**
 * The service's injection points and their browser defaults: the SDK, the token server, the media
 * devices, the clock. Tests pass doubles; production passes nothing.
 */
import type { BeepPlayer } from './callWaiting';
import type { ResolvedVoiceServiceConfig } from './config';
import type { UnloadEventsLike } from './closeGuard';
import type { MediaDevicesLike, PermissionsLike } from './media';
import { loadCallHandlingChunk, type LoadCallHandling } from './lazyCallHandling';
import type { PageEventsLike } from './registrationWatchdog';
import { loadSdkDeviceFactory } from './sdkAdapter';
import type { DeviceFactory } from './sdkTypes';
import { globalTimers, type Timers } from './timers';
import { createFetchTokenProvider, createHostTokenProvider, type FetchLike, type TokenProvider } from './token';
import type { PeerConnectionConstructor } from './warmPeerConnection';

/** Injection points; every one defaults to the browser / the real SDK. */
export interface VoiceServiceDeps {
  /** Loads the Device factory; default: dynamic `import('@twilio/voice-sdk')`. */
  deviceFactory?: () => Promise<DeviceFactory>;
  /** Default: `GET {tokenUrl}?identity=` through `fetch`. */
  tokenProvider?: TokenProvider;
  /** Used by the default token provider. */
  fetch?: FetchLike;
  /** Default: `navigator.mediaDevices`; absent means the browser cannot capture audio. */
  mediaDevices?: MediaDevicesLike | null;
  /** Default: `navigator.permissions`. */
  permissions?: PermissionsLike;
  now?: () => number;
  timers?: Timers;
  /** Jitter source, 0..1. */
  random?: () => number;
  /** The page the service lives in (lifecycle events, unload); default `document` and `window`, null: none. */
  page?: PageLike | null;
  /** Plays the call-waiting tone; default: Web Audio (null: no tone). */
  createBeeper?: () => BeepPlayer | null;
  /** Loads the call commands and call control; default: their lazy chunk. */
  loadCallHandling?: LoadCallHandling;
  /** Builds the calls' RTCPeerConnections (one ahead, warmPeerConnection.ts); default the browser's, null: the SDK's own. */
  peerConnection?: PeerConnectionConstructor | null;
}

/** What the watchdog and the close guard need from the page. */
export interface PageLike {
  events: PageEventsLike[];
  isHidden(): boolean;
  unload: UnloadEventsLike | null;
}

/** Every injection point filled in. */
export interface VoiceEnvironment {
  loadFactory: () => Promise<DeviceFactory>;
  tokenProvider: TokenProvider;
  media: MediaDevicesLike | null;
  permissions: PermissionsLike | undefined;
  now: () => number;
  timers: Timers;
  random: () => number;
  page: PageLike;
  /** The call-control route's requests (the same `fetch` the default token provider uses). */
  fetch: FetchLike;
  /** What relative server URLs resolve against. */
  baseUrl: string | undefined;
  /** Undefined: Web Audio (callWaiting.ts, in the call-handling chunk). */
  createBeeper: (() => BeepPlayer | null) | undefined;
  loadCallHandling: LoadCallHandling;
  /** Null: none in this environment, the SDK builds its connections itself. */
  peerConnection: PeerConnectionConstructor | null;
}

const NO_PAGE: PageLike = { events: [], isHidden: () => false, unload: null };

function defaultPage(): PageLike {
  if (typeof window === 'undefined' || typeof document === 'undefined') return NO_PAGE;
  return {
    events: [document, window],
    isHidden: () => document.visibilityState === 'hidden',
    unload: window,
  };
}

function defaultMediaDevices(): MediaDevicesLike | null {
  return typeof navigator !== 'undefined' && navigator.mediaDevices ? navigator.mediaDevices : null;
}

function defaultPermissions(): PermissionsLike | undefined {
  return typeof navigator !== 'undefined' && navigator.permissions
    ? (navigator.permissions as PermissionsLike)
    : undefined;
}

function defaultPeerConnection(): PeerConnectionConstructor | null {
  return typeof RTCPeerConnection === 'function' ? RTCPeerConnection : null;
}

function defaultFetch(): FetchLike {
  return (input, init) => globalThis.fetch(input, init);
}

/** The host's `getToken` when given, else `GET tokenUrl` shaped by `tokenRequest`. */
function defaultTokenProvider(config: ResolvedVoiceServiceConfig, fetchFn: FetchLike | undefined): TokenProvider {
  if (config.getToken) return createHostTokenProvider(config.getToken);
  const baseUrl = typeof location !== 'undefined' ? location.href : undefined;
  return createFetchTokenProvider(config.tokenUrl, fetchFn ?? defaultFetch(), baseUrl, config.tokenRequest);
}

export function resolveEnvironment(config: ResolvedVoiceServiceConfig, deps: VoiceServiceDeps): VoiceEnvironment {
  return {
    loadFactory: deps.deviceFactory ?? loadSdkDeviceFactory,
    tokenProvider: deps.tokenProvider ?? defaultTokenProvider(config, deps.fetch),
    media: deps.mediaDevices !== undefined ? deps.mediaDevices : defaultMediaDevices(),
    permissions: deps.permissions ?? defaultPermissions(),
    now: deps.now ?? (() => Date.now()),
    timers: deps.timers ?? globalTimers,
    random: deps.random ?? Math.random,
    page: deps.page === null ? NO_PAGE : (deps.page ?? defaultPage()),
    fetch: deps.fetch ?? defaultFetch(),
    baseUrl: typeof location !== 'undefined' ? location.href : undefined,
    createBeeper: deps.createBeeper,
    loadCallHandling: deps.loadCallHandling ?? loadCallHandlingChunk,
    peerConnection: deps.peerConnection !== undefined ? deps.peerConnection : defaultPeerConnection(),
  };
}
