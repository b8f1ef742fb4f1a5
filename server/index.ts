import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import path from 'node:path';
import { resolveMode, twilioCredentialsFromEnv } from './config.js';
import { Gateway } from './gateway/gateway.js';
import { createRequestHandler } from './http/app.js';
import { findRepoRoot } from './paths.js';
import { SoundLibrary } from './sounds/catalog.js';
import { loadOrCreateCertificate } from './tls.js';
import { verifyVoiceToken } from './tokens/verify.js';
import { createNumberPlan, createServerMediaFactory } from './numbers/index.js';
import type { NumberPlan, ServerMediaFactory } from './gateway/number-plan.js';

export { Gateway } from './gateway/gateway.js';
export type { CallInfo, RegistrationInfo, PlaceCallRequest, GatewayOptions } from './gateway/gateway.js';
export type {
  NumberPlan, NumberCallControl, NumberCallHandler, CallMessage, ServerMediaFactory, ServerMediaPeer, ServerCallContext,
} from './gateway/number-plan.js';
export { TwilioCode, GatewayError } from './gateway/errors.js';

export interface ServerOptions {
  /** Default 9000; 0 = an ephemeral port. */
  port?: number;
  /** Default 'localhost'. */
  host?: string;
  /** Served at '/'; default <repo>/dist. */
  staticDir?: string;
  /** Default 3600. */
  tokenTtlSeconds?: number;
  /** Default: env SWITCHBOARD_SIGNING_SECRET, else random per start. */
  signingSecret?: string;
  /** Default <repo>/.cert (git-ignored). */
  certDir?: string;
  quiet?: boolean;
  /** Default: Twilio mode when TWILIO_ACCOUNT_SID, TWILIO_API_KEY, TWILIO_API_SECRET, TWILIO_TWIML_APP_SID are set. */
  env?: NodeJS.ProcessEnv;
  /** Gateway tuning (tests shorten these). */
  ringTimeoutMs?: number;
  reconnectGraceMs?: number;
  candidateWaitMs?: number;
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

/** Starts the token server, local voice gateway, control API and static files on one TLS origin. */
export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const env = opts.env ?? process.env;
  const root = findRepoRoot();
  const host = opts.host ?? 'localhost';
  const log = opts.quiet ? () => undefined : (line: string) => console.log(line);
  const mode = resolveMode(twilioCredentialsFromEnv(env), opts.signingSecret ?? env['SWITCHBOARD_SIGNING_SECRET']);
  const secret = mode.credentials.apiKeySecret;
  const tls = await loadOrCreateCertificate(opts.certDir ?? path.join(root, '.cert'));

  const gateway = new Gateway({
    verifyToken: (token) => verifyVoiceToken(token, secret),
    ringTimeoutMs: opts.ringTimeoutMs,
    reconnectGraceMs: opts.reconnectGraceMs,
    candidateWaitMs: opts.candidateWaitMs,
    log,
    ...(opts.numberPlan !== null && { numberPlan: opts.numberPlan ?? createNumberPlan() }),
    ...(opts.serverMedia !== null && { serverMedia: opts.serverMedia ?? createServerMediaFactory() }),
  });
  const server = createServer({ key: tls.key, cert: tls.cert });
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => undefined); // browsers probing an untrusted certificate
  server.on('upgrade', (req, socket, head: Buffer) => {
    const pathname = new URL(req.url ?? '/', 'https://localhost').pathname;
    socket.on('error', () => socket.destroy());
    if (pathname === '/signal' && mode.kind === 'local') gateway.handleUpgrade(req, socket, head);
    else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 9000, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  server.on('request', createRequestHandler({
    mode,
    gateway,
    sounds: new SoundLibrary(),
    staticDir: opts.staticDir ?? path.join(root, 'dist'),
    tokenTtlSeconds: opts.tokenTtlSeconds ?? 3600,
    defaultHost: `${host}:${port}`,
  }, log));

  let closing: Promise<void> | null = null;
  return {
    origin,
    port,
    mode: mode.kind,
    gateway,
    close: () => {
      closing ??= (async () => {
        await gateway.close();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        for (const socket of sockets) socket.destroy();
        await closed;
      })();
      return closing;
    },
  };
}
