/**
 * One typed configuration object for a VoiceService. Parcel props are untrusted, so the zod schema
 * both validates them and fills in the defaults; `VoiceServiceConfig` is what callers may pass.
 */
import * as z from 'zod/mini';
import { SOUND_NAMES, type DeviceOptionsLike } from './sdkTypes';
import { IDENTITY_PATTERN } from '../contract/identityRule';

const LogLevelSchema = z.union([
  z.enum(['trace', 'debug', 'info', 'warn', 'error', 'silent']),
  z.literal(0),
  z.literal(1),
  z.literal(2),
  z.literal(3),
  z.literal(4),
  z.literal(5),
]);

const EdgeSchema = z.union([
  z.string().check(z.minLength(1), z.maxLength(64)),
  z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.minLength(1), z.maxLength(16)),
]);

/** A signaling host as the SDK takes it: `host[:port]`; the SDK itself connects to `wss://<host>/signal`. */
const SignalingHost = z
  .string()
  .check(
    z.maxLength(255),
    z.regex(/^[A-Za-z0-9.-]+(:[0-9]{1,5})?$/, 'must be host[:port] (the SDK opens wss://<host>/signal)'),
  );

const IceServerSchema = z.object({
  urls: z.union([
    z.string().check(z.minLength(1), z.maxLength(2048)),
    z.array(z.string().check(z.minLength(1), z.maxLength(2048))).check(z.maxLength(16)),
  ]),
  username: z.optional(z.string().check(z.maxLength(512))),
  credential: z.optional(z.string().check(z.maxLength(512))),
});

/** The JSON-expressible part of RTCConfiguration. */
const RtcConfigurationSchema = z.object({
  iceServers: z.optional(z.array(IceServerSchema).check(z.maxLength(16))),
  iceTransportPolicy: z.optional(z.enum(['all', 'relay'])),
  bundlePolicy: z.optional(z.enum(['balanced', 'max-bundle', 'max-compat'])),
  rtcpMuxPolicy: z.optional(z.literal('require')),
  iceCandidatePoolSize: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(32))),
});

const SoundsSchema = z.partialRecord(z.enum(SOUND_NAMES), z.string().check(z.minLength(1), z.maxLength(2048)));

export const GatewayConfigSchema = z.object({
  /** Signaling host(s) the SDK connects to instead of Twilio's (the local gateway). */
  chunderw: z.optional(z.union([SignalingHost, z.array(SignalingHost).check(z.minLength(1), z.maxLength(8))])),
  /** Insights event gateway host. */
  eventgw: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  /** Passed to `device.connect` and `call.accept` (an AcceptOptions field, not a Device option). */
  rtcConfiguration: z.optional(RtcConfigurationSchema),
  /** Locally served sound files, so nothing loads from Twilio's CDN. */
  sounds: z.optional(SoundsSchema),
  /** Overrides the top-level `edge`. */
  edge: z.optional(EdgeSchema),
});

/** What a host's `getToken` resolves to: the token, or the token with its lifetime in seconds. */
export type HostTokenResult = string | { token: string; ttl?: number };
/** Supplies tokens from the host's own authenticated backend (see token.ts `createHostTokenProvider`). */
export type GetToken = (identity: string) => Promise<HostTokenResult>;

/** Functions cannot be JSON: only the type is checked here; what it resolves to is checked on each call. */
const GetTokenSchema = z.custom<GetToken>((value) => typeof value === 'function', 'getToken must be a function');

/** How the default token fetch calls `tokenUrl` (cookies for another origin, the host's own headers). */
const TokenRequestSchema = z.object({
  credentials: z.optional(z.enum(['same-origin', 'include', 'omit'])),
  headers: z.optional(
    z
      .record(
        z.string().check(z.regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/, 'a header name')),
        z.string().check(z.maxLength(8192)),
      )
      .check(z.refine((headers) => Object.keys(headers).length <= 32, 'at most 32 headers')),
  ),
});
export type TokenRequest = z.output<typeof TokenRequestSchema>;

export const VoiceServiceConfigSchema = z.object({
  identity: z
    .string()
    .check(z.regex(IDENTITY_PATTERN, 'identity: letters, digits and _ . @ + - (at most 121 characters)')),
  tokenUrl: z._default(z.string().check(z.minLength(1), z.maxLength(2048)), '/token'),
  /** Tokens from the host instead of `GET tokenUrl`. */
  getToken: z.optional(GetTokenSchema),
  tokenRequest: z.optional(TokenRequestSchema),
  autoRegister: z._default(z.boolean(), true),
  logLevel: z._default(LogLevelSchema, 'error'),
  codecPreferences: z._default(z.array(z.enum(['opus', 'pcmu'])).check(z.minLength(1), z.maxLength(2)), [
    'opus',
    'pcmu',
  ]),
  edge: z.optional(EdgeSchema),
  /** Ask before the page unloads while a call is open or ringing (see closeGuard.ts). */
  closeProtection: z._default(z.union([z.boolean(), z.string().check(z.maxLength(512))]), true),
  /** How often the registration watchdog checks the registration (registrationWatchdog.ts). */
  watchdogIntervalMs: z._default(z.number().check(z.int(), z.minimum(500), z.maximum(600_000)), 5_000),
  enableImprovedSignalingErrorPrecision: z._default(z.boolean(), true),
  /** How long before the token expires it is refreshed (the SDK's `tokenWillExpire` margin too). */
  tokenRefreshMs: z._default(z.number().check(z.int(), z.minimum(0), z.maximum(3_600_000)), 30_000),
  /** First retry delay after a failed token fetch; doubles on each failure up to `tokenRetryMaxMs`. */
  tokenRetryBaseMs: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(600_000)), 1_000),
  // 5 s: a token outage ends for the user within 5 s of the token server being back (issue 14).
  tokenRetryMaxMs: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(3_600_000)), 5_000),
  /**
   * Call waiting (default): a call arriving while another is open rings beside it with a short tone, and accepting it
   * holds the open one. false: such a call is rejected at once, so its caller hears busy.
   */
  allowIncomingWhileBusy: z._default(z.boolean(), true),
  /** The server's call-control route (hold, transfer, merge); null: this deployment has none (`unsupported`). */
  callControlUrl: z._default(z.nullable(z.string().check(z.minLength(1), z.maxLength(2048))), '/call-control'),
  gateway: z.optional(GatewayConfigSchema),
});

/** What callers pass (defaults optional). */
export type VoiceServiceConfig = z.input<typeof VoiceServiceConfigSchema>;
/** After validation, with every default filled in. */
export type ResolvedVoiceServiceConfig = z.output<typeof VoiceServiceConfigSchema>;
export type GatewayConfig = z.output<typeof GatewayConfigSchema>;

/** Throws a zod error naming every invalid field. */
export function resolveVoiceServiceConfig(config: VoiceServiceConfig): ResolvedVoiceServiceConfig {
  return VoiceServiceConfigSchema.parse(config);
}

export function buildDeviceOptions(config: ResolvedVoiceServiceConfig): DeviceOptionsLike {
  const gateway = config.gateway;
  const edge = gateway?.edge ?? config.edge;
  return {
    logLevel: config.logLevel,
    codecPreferences: config.codecPreferences,
    closeProtection: config.closeProtection,
    enableImprovedSignalingErrorPrecision: config.enableImprovedSignalingErrorPrecision,
    tokenRefreshMs: config.tokenRefreshMs,
    // Always: the service sees every invite and decides itself (call waiting, or reject so the caller hears busy);
    // the SDK without it ignores the invite silently and the caller rings until it gives up.
    allowIncomingWhileBusy: true,
    ...(edge !== undefined && { edge }),
    ...(gateway?.chunderw !== undefined && { chunderw: gateway.chunderw }),
    // The local gateway takes insights posts and drops them (server/http/insightsRoute.ts): publishing none keeps
    // five fetch calls off the dial → invite path and changes no SDK event an app sees. Feedback is still posted
    // (the SDK forces it). Against Twilio (no chunderw) the SDK publishes as usual.
    ...(gateway?.chunderw !== undefined && { publishEvents: false }),
    ...(gateway?.eventgw !== undefined && { eventgw: gateway.eventgw }),
    ...(gateway?.sounds !== undefined && { sounds: gateway.sounds }),
  };
}
