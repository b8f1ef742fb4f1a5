import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { CountryCode } from 'libphonenumber-js/max';
import type { TokenCredentials } from './tokens/accessToken.js';
import { MAX_TTL_SECONDS, MIN_TTL_SECONDS } from './tokens/accessToken.js';
import type { BearerAuthConfig } from './tokens/bearerAuth.js';
import { DEFAULT_IDENTITY_LIMITS, type IdentityLimitsConfig } from './gateway/limits.js';
import { ASYMMETRIC_ALGORITHMS, SYMMETRIC_ALGORITHMS } from './tokens/bearerAuth.js';
import {
  countryListSchema,
  frameAncestorsSchema,
  intSchema,
  isLoopbackHost,
  optionalEnv,
  originListSchema,
  prefixListSchema,
  secureUrlSchema,
  splitList,
  trustProxySchema,
} from './security/envValues.js';

/** Real Twilio credentials; all four SIDs/secrets must be present to switch the server to Twilio mode. */
export interface TwilioCredentials extends TokenCredentials {
  callerId: string | undefined;
  /** The account's Auth Token: Twilio signs its webhooks with it. */
  authToken: string;
}

export type ServerMode =
  { kind: 'local'; credentials: TokenCredentials } | { kind: 'twilio'; credentials: TwilioCredentials };

export interface DialPolicyConfig {
  allowedCountries: readonly CountryCode[];
  blockedPrefixes: readonly string[];
}

/** The whole validated configuration; nothing reads `process.env` after this. */
export interface ServerConfig {
  mode: ServerMode;
  host: string;
  port: number;
  tokenTtlSeconds: number;
  /** Bearer authentication of `/token`; required in Twilio mode, optional (then enforced) in local mode. */
  tokenAuth: BearerAuthConfig | null;
  /** Where browsers and Twilio reach this server (behind a proxy: the proxy's URL). */
  publicUrl: URL | null;
  corsOrigins: readonly string[];
  frameAncestors: readonly string[];
  dialPolicy: DialPolicyConfig;
  tokenRateLimitPerMinute: number;
  trustProxy: boolean | number;
  hstsMaxAgeSeconds: number;
  /** Per-identity gateway limits: signalling sockets, concurrent calls, invites per minute. */
  limits: IdentityLimitsConfig;
  /** Things that are allowed but unsafe, printed loudly at start. */
  warnings: readonly string[];
}

/** Explicit values from `startServer` options win over the environment. */
export interface ConfigOverrides {
  port?: number;
  host?: string;
  tokenTtlSeconds?: number;
  signingSecret?: string;
}

export class ConfigError extends Error {
  constructor(readonly issues: readonly string[]) {
    super(`Refusing to start: the configuration is invalid.\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Fixed-format fake SIDs for local tokens (they only need Twilio's shape). */
const LOCAL_ACCOUNT_SID = 'AC' + '0'.repeat(32);
const LOCAL_API_KEY_SID = 'SK' + '0'.repeat(32);
const LOCAL_APP_SID = 'AP' + '0'.repeat(32);
const TWILIO_MODE_VARIABLES = [
  'TWILIO_ACCOUNT_SID',
  'TWILIO_API_KEY',
  'TWILIO_API_SECRET',
  'TWILIO_TWIML_APP_SID',
] as const;
const sid = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}[0-9a-fA-F]{32}$`), `must be ${prefix} followed by 32 hex digits`);

const envSchema = z.object({
  PORT: optionalEnv(intSchema(0, 65535)),
  HOST: optionalEnv(z.string().regex(/^[A-Za-z0-9.:[\]-]+$/, 'must be a host name or IP address')),
  TOKEN_TTL: optionalEnv(intSchema(MIN_TTL_SECONDS, MAX_TTL_SECONDS)),
  SWITCHBOARD_SIGNING_SECRET: optionalEnv(z.string().min(16, 'must be at least 16 characters')),
  TWILIO_ACCOUNT_SID: optionalEnv(sid('AC')),
  TWILIO_API_KEY: optionalEnv(sid('SK')),
  TWILIO_API_SECRET: optionalEnv(z.string().min(1)),
  TWILIO_TWIML_APP_SID: optionalEnv(sid('AP')),
  TWILIO_AUTH_TOKEN: optionalEnv(z.string().min(16, "must be the account's Auth Token")),
  TWILIO_CALLER_ID: optionalEnv(z.string().regex(/^\+[1-9]\d{1,14}$/, 'must be an E.164 number like +14155550100')),
  PUBLIC_URL: optionalEnv(secureUrlSchema),
  TOKEN_AUTH_JWKS_URL: optionalEnv(secureUrlSchema),
  TOKEN_AUTH_SECRET: optionalEnv(z.string().min(32, 'must be at least 32 characters (HS256 key)')),
  TOKEN_AUTH_ISSUER: optionalEnv(z.string().min(1)),
  TOKEN_AUTH_AUDIENCE: optionalEnv(z.string().min(1)),
  TOKEN_AUTH_IDENTITY_CLAIM: optionalEnv(z.string().min(1)),
  TOKEN_AUTH_ALGORITHMS: optionalEnv(z.string()),
  CORS_ORIGINS: optionalEnv(originListSchema),
  FRAME_ANCESTORS: optionalEnv(frameAncestorsSchema),
  DIAL_ALLOWED_COUNTRIES: optionalEnv(countryListSchema),
  DIAL_BLOCKED_PREFIXES: optionalEnv(prefixListSchema),
  TOKEN_RATE_LIMIT: optionalEnv(intSchema(1, 100_000)),
  TRUST_PROXY: optionalEnv(trustProxySchema),
  HSTS_MAX_AGE: optionalEnv(intSchema(0, 63_072_000)),
  LIMIT_SOCKETS_PER_IDENTITY: optionalEnv(intSchema(1, 1_000)),
  LIMIT_CALLS_PER_IDENTITY: optionalEnv(intSchema(1, 1_000)),
  LIMIT_INVITES_PER_MINUTE: optionalEnv(intSchema(1, 10_000)),
});
type Env = z.infer<typeof envSchema>;

function resolveMode(env: Env, overrides: ConfigOverrides, issues: string[]): ServerMode {
  const present = TWILIO_MODE_VARIABLES.filter((name) => env[name] !== undefined);
  if (present.length === 0) {
    const apiKeySecret = overrides.signingSecret || env.SWITCHBOARD_SIGNING_SECRET || randomBytes(32).toString('hex');
    return {
      kind: 'local',
      credentials: {
        accountSid: LOCAL_ACCOUNT_SID,
        apiKeySid: LOCAL_API_KEY_SID,
        apiKeySecret,
        outgoingApplicationSid: LOCAL_APP_SID,
      },
    };
  }
  const missing = TWILIO_MODE_VARIABLES.filter((name) => env[name] === undefined);
  if (missing.length > 0)
    issues.push(`Twilio mode needs all of ${TWILIO_MODE_VARIABLES.join(', ')}; missing ${missing.join(', ')}`);
  if (!env.TWILIO_AUTH_TOKEN)
    issues.push('TWILIO_AUTH_TOKEN: required in Twilio mode (POST /voice checks X-Twilio-Signature with it)');
  if (!env.PUBLIC_URL)
    issues.push('PUBLIC_URL: required in Twilio mode (the URL Twilio signs its webhook requests for)');
  return {
    kind: 'twilio',
    credentials: {
      accountSid: env.TWILIO_ACCOUNT_SID ?? '',
      apiKeySid: env.TWILIO_API_KEY ?? '',
      apiKeySecret: env.TWILIO_API_SECRET ?? '',
      outgoingApplicationSid: env.TWILIO_TWIML_APP_SID ?? '',
      callerId: env.TWILIO_CALLER_ID,
      authToken: env.TWILIO_AUTH_TOKEN ?? '',
    },
  };
}

function resolveTokenAuth(env: Env, mode: ServerMode['kind'], issues: string[]): BearerAuthConfig | null {
  const {
    TOKEN_AUTH_JWKS_URL: jwksUrl,
    TOKEN_AUTH_SECRET: secret,
    TOKEN_AUTH_ISSUER: issuer,
    TOKEN_AUTH_AUDIENCE: audience,
  } = env;
  const anySet = [jwksUrl, secret, issuer, audience, env.TOKEN_AUTH_IDENTITY_CLAIM, env.TOKEN_AUTH_ALGORITHMS].some(
    (v) => v !== undefined,
  );
  if (!anySet) {
    if (mode === 'twilio') {
      issues.push(
        'Twilio mode never issues tokens to anonymous callers: set TOKEN_AUTH_JWKS_URL or TOKEN_AUTH_SECRET, ' +
          'with TOKEN_AUTH_ISSUER and TOKEN_AUTH_AUDIENCE, so GET /token requires "Authorization: Bearer <JWT>"',
      );
    }
    return null;
  }
  if (!jwksUrl === !secret) issues.push('TOKEN_AUTH: set exactly one of TOKEN_AUTH_JWKS_URL and TOKEN_AUTH_SECRET');
  if (!issuer)
    issues.push('TOKEN_AUTH_ISSUER: required with token authentication (the `iss` your identity provider signs)');
  if (!audience)
    issues.push('TOKEN_AUTH_AUDIENCE: required with token authentication (the `aud` meant for this server)');
  const allowed = jwksUrl ? ASYMMETRIC_ALGORITHMS : SYMMETRIC_ALGORITHMS;
  // A shared secret defaults to HS256 alone (what the rest of this server signs with); a JWKS to every asymmetric one.
  const algorithms = env.TOKEN_AUTH_ALGORITHMS
    ? splitList(env.TOKEN_AUTH_ALGORITHMS)
    : jwksUrl
      ? [...allowed]
      : ['HS256'];
  const refused = algorithms.filter((alg) => !(allowed as readonly string[]).includes(alg));
  if (refused.length > 0 || algorithms.length === 0) {
    issues.push(
      `TOKEN_AUTH_ALGORITHMS: with ${jwksUrl ? 'a JWKS URL' : 'a shared secret'} choose from ${allowed.join(', ')}`,
    );
  }
  const key = jwksUrl ? { kind: 'jwks' as const, url: jwksUrl } : { kind: 'secret' as const, secret: secret ?? '' };
  return {
    key,
    issuer: issuer ?? '',
    audience: audience ?? '',
    identityClaim: env.TOKEN_AUTH_IDENTITY_CLAIM ?? 'sub',
    algorithms,
  };
}

function formatZodIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`);
}

/** Validates the whole configuration at once; every problem is listed in one ConfigError, nothing starts half-configured. */
export function loadServerConfig(rawEnv: NodeJS.ProcessEnv, overrides: ConfigOverrides = {}): ServerConfig {
  const parsed = envSchema.safeParse(rawEnv);
  if (!parsed.success) throw new ConfigError(formatZodIssues(parsed.error));
  const env = parsed.data;
  const issues: string[] = [];
  const warnings: string[] = [];
  const mode = resolveMode(env, overrides, issues);
  const tokenAuth = resolveTokenAuth(env, mode.kind, issues);
  const host = overrides.host ?? env.HOST ?? 'localhost';
  if (mode.kind === 'local' && !isLoopbackHost(host)) {
    warnings.push(
      `HOST=${host} is not loopback: the local gateway, its control API` +
        `${tokenAuth ? '' : ' and an unauthenticated /token'} are reachable from other machines. Use HOST=localhost unless you mean it.`,
    );
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return {
    mode,
    host,
    port: overrides.port ?? env.PORT ?? 9000,
    tokenTtlSeconds: overrides.tokenTtlSeconds ?? env.TOKEN_TTL ?? 3600,
    tokenAuth,
    publicUrl: env.PUBLIC_URL ?? null,
    corsOrigins: env.CORS_ORIGINS ?? [],
    frameAncestors: env.FRAME_ANCESTORS ?? ["'self'"],
    dialPolicy: {
      allowedCountries: env.DIAL_ALLOWED_COUNTRIES ?? ['US', 'CA'],
      blockedPrefixes: env.DIAL_BLOCKED_PREFIXES ?? ['+1900', '+1976'],
    },
    tokenRateLimitPerMinute: env.TOKEN_RATE_LIMIT ?? 120,
    trustProxy: env.TRUST_PROXY ?? false,
    // Local mode runs on `localhost`, whose HSTS entry covers every port: keep it short so other dev servers survive.
    hstsMaxAgeSeconds: env.HSTS_MAX_AGE ?? (mode.kind === 'twilio' ? 15_552_000 : 300),
    limits: {
      socketsPerIdentity: env.LIMIT_SOCKETS_PER_IDENTITY ?? DEFAULT_IDENTITY_LIMITS.socketsPerIdentity,
      callsPerIdentity: env.LIMIT_CALLS_PER_IDENTITY ?? DEFAULT_IDENTITY_LIMITS.callsPerIdentity,
      invitesPerMinute: env.LIMIT_INVITES_PER_MINUTE ?? DEFAULT_IDENTITY_LIMITS.invitesPerMinute,
    },
    warnings,
  };
}
