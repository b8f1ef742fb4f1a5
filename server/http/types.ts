import type { Server } from 'node:https';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config.js';
import type { Gateway } from '../gateway/gateway.js';
import type { OriginPolicy } from '../security/origins.js';
import type { SoundLibrary } from '../sounds/catalog.js';
import type { CallControlBackend } from '../callControl/backend.js';

/** The fastify instance over this project's HTTPS server. */
export type App = FastifyInstance<Server>;

export interface AppContext {
  config: ServerConfig;
  gateway: Gateway;
  sounds: SoundLibrary;
  staticDir: string;
  origins: OriginPolicy;
  log: (line: string) => void;
  /** The call-control backend in Twilio mode (local mode uses the gateway's own lines). */
  callControl?: CallControlBackend;
  /** Call-control commands per identity per minute (default CALL_CONTROL_RATE_PER_MINUTE). */
  callControlRatePerMinute?: number;
}
