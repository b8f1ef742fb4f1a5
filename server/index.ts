import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { loadServerConfig, type ServerConfig } from './config.js';
import { Gateway } from './gateway/gateway.js';
import { createTwilioCallControl, type TwilioCallControl } from './twilio/twilioCallControl.js';
import { createHttpApp } from './http/app.js';
import { createUpgradeHandler } from './http/signalUpgrade.js';
import { findRepoRoot } from './paths.js';
import { OriginPolicy } from './security/origins.js';
import { SoundLibrary } from './sounds/catalog.js';
import { loadOrCreateCertificate } from './tls.js';
import { loadOrCreateSigningSecret } from './tokens/signingSecret.js';
import { createVoiceTokenVerifier } from './tokens/verify.js';
import { createNumberPlan, createServerMediaFactory } from './numbers/index.js';
import type { NumberPlan, ServerMediaFactory } from './gateway/numberPlan.js';

export { Gateway } from './gateway/gateway.js';
export type { CallInfo, RegistrationInfo, PlaceCallRequest, GatewayOptions } from './gateway/gateway.js';
export type {
  NumberPlan,
  NumberCallControl,
  NumberCallHandler,
  CallMessage,
  ServerMediaFactory,
  ServerMediaPeer,
  ServerCallContext,
} from './gateway/numberPlan.js';
export { TwilioCode, GatewayError } from './gateway/errors.js';
export { ConfigError } from './config.js';

export interface ServerOptions {
  /** Default: env PORT, else 9000; 0 = an ephemeral port. */
  port?: number;
  /** Default: env HOST, else 'localhost'. */
  host?: string;
  /** Served at '/'; default <repo>/dist. */
  staticDir?: string;
  /** Default: env TOKEN_TTL, else 3600. */
  tokenTtlSeconds?: number;
  /** Default: env SWITCHBOARD_SIGNING_SECRET, else the one kept in `certDir` (made on first start). */
  signingSecret?: string;
  /** Default <repo>/.cert (git-ignored). */
  certDir?: string;
  quiet?: boolean;
  /** The configuration (README "Deploying"); default process.env. Twilio mode when the TWILIO_* variables are set. */
  env?: NodeJS.ProcessEnv;
  /** Gateway tuning (tests shorten these). */
  ringTimeoutMs?: number;
  reconnectGraceMs?: number;
  /** Simulated PSTN numbers with server-side media (README "Simulated numbers"); `null` = none reachable. */
  numberPlan?: NumberPlan | null;
  /** The far end of calls placed through `POST /control/calls`; `null` = such calls are refused (501). */
  serverMedia?: ServerMediaFactory | null;
}

export interface RunningServer {
  origin: string;
  port: number;
  mode: 'local' | 'twilio';
  gateway: Gateway;
  close(): Promise<void>;
}

function createGateway(config: ServerConfig, opts: ServerOptions, log: (line: string) => void): Gateway {
  const { credentials } = config.mode;
  return new Gateway({
    verifyToken: createVoiceTokenVerifier({
      secret: credentials.apiKeySecret,
      apiKeySid: credentials.apiKeySid,
      accountSid: credentials.accountSid,
    }),
    ringTimeoutMs: opts.ringTimeoutMs,
    reconnectGraceMs: opts.reconnectGraceMs,
    limits: config.limits,
    log,
    ...(opts.numberPlan !== null && { numberPlan: opts.numberPlan ?? createNumberPlan() }),
    ...(opts.serverMedia !== null && { serverMedia: opts.serverMedia ?? createServerMediaFactory() }),
  });
}

/** Only local mode signs its own tokens; Twilio mode never touches the file. */
function keptSecret(env: NodeJS.ProcessEnv, certDir: string): Promise<string | undefined> {
  const twilioMode = ['TWILIO_ACCOUNT_SID', 'TWILIO_API_KEY', 'TWILIO_API_SECRET', 'TWILIO_TWIML_APP_SID'].some(
    (name) => env[name],
  );
  return twilioMode ? Promise.resolve(undefined) : loadOrCreateSigningSecret(certDir);
}

/** Misconfigurations that are allowed (local development) are printed so nobody misses them. */
function warnLoudly(warnings: readonly string[]): void {
  for (const warning of warnings) console.warn(`\n  WARNING  ${warning}\n`);
}

/** Twilio mode carries call control out with Twilio's Conference and Calls REST resources; local mode: the gateway. */
function twilioCallControlOf(config: ServerConfig, log: (line: string) => void): TwilioCallControl | undefined {
  if (config.mode.kind !== 'twilio' || !config.publicUrl) return undefined;
  return createTwilioCallControl(config.mode.credentials, {
    publicUrl: config.publicUrl,
    dialPolicy: config.dialPolicy,
    log,
  });
}

/**
 * Starts the token server, local voice gateway, control API and static files on one TLS origin. The configuration is
 * validated first: an invalid one throws a ConfigError listing every problem, and nothing listens.
 */
export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const env = opts.env ?? process.env;
  const root = findRepoRoot();
  const certDir = opts.certDir ?? path.join(root, '.cert');
  const config = loadServerConfig(env, {
    port: opts.port,
    host: opts.host,
    tokenTtlSeconds: opts.tokenTtlSeconds,
    // The environment's secret wins over the kept one; an explicit option over both.
    signingSecret: opts.signingSecret ?? (env.SWITCHBOARD_SIGNING_SECRET ? undefined : await keptSecret(env, certDir)),
  });
  const log = opts.quiet ? () => undefined : (line: string) => console.log(line);
  if (!opts.quiet) warnLoudly(config.warnings);
  const tls = await loadOrCreateCertificate(certDir);
  const gateway = createGateway(config, opts, log);
  const origins = new OriginPolicy(config);
  const sockets = new Set<Socket>();
  const callControl = twilioCallControlOf(config, log);
  const app = await createHttpApp(
    {
      config,
      gateway,
      callControl,
      sounds: new SoundLibrary(),
      staticDir: opts.staticDir ?? path.join(root, 'dist'),
      origins,
      log,
    },
    tls,
    sockets,
  );
  app.server.on('upgrade', createUpgradeHandler(config.mode.kind === 'local' ? gateway : null, origins, log));
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    callControl?.close();
    await gateway.close();
    throw error;
  }
  const port = (app.server.address() as AddressInfo).port;
  origins.bind(port);
  const origin = `https://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  let closing: Promise<void> | null = null;
  return {
    origin,
    port,
    mode: config.mode.kind,
    gateway,
    close: () => {
      closing ??= (async () => {
        callControl?.close();
        await gateway.close();
        const closed = app.close();
        // Upgraded WebSockets and half-open handshakes are no HTTP connections: end them too.
        for (const socket of sockets) socket.destroy();
        await closed;
      })();
      return closing;
    },
  };
}
