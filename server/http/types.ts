import type { Server } from 'node:https';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config.js';
import type { Gateway } from '../gateway/gateway.js';
import type { OriginPolicy } from '../security/origins.js';
import type { SoundLibrary } from '../sounds/catalog.js';

/** The fastify instance over this project's HTTPS server. */
export type App = FastifyInstance<Server>;

export interface AppContext {
  config: ServerConfig;
  gateway: Gateway;
  sounds: SoundLibrary;
  staticDir: string;
  origins: OriginPolicy;
  log: (line: string) => void;
}
