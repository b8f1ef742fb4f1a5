import { SOUND_NAMES, isSoundName, type SoundName } from '../sounds/catalog.js';
import { HttpError, sendJson } from './errors.js';
import { routeMethods } from './methods.js';
import type { App, AppContext } from './types.js';

export interface ClientConfig {
  mode: 'local' | 'twilio';
  tokenUrl: string;
  /** Where the service posts hold, transfer, merge…: `POST <callControlUrl>/<action>` (resolved like tokenUrl). */
  callControlUrl: string;
  device: {
    chunderw?: string;
    eventgw?: string;
    rtcConfiguration?: { iceServers: [] };
    sounds?: Record<SoundName, string>;
    edge?: string;
  };
}

const HOST_HEADER = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** The Host the browser used, if it is a plain host[:port] (anything else falls back to `fallback`). */
export function requestHost(host: string | undefined, fallback: string): string {
  return host && HOST_HEADER.test(host) ? host : fallback;
}

/** Device options for the browser: the local gateway and local sounds, or the SDK's Twilio defaults. */
export function clientConfig(mode: 'local' | 'twilio', host: string): ClientConfig {
  if (mode === 'twilio') return { mode, tokenUrl: '/token', callControlUrl: '/call-control', device: {} };
  const sounds = Object.fromEntries(SOUND_NAMES.map((name) => [name, `https://${host}/sounds/${name}.wav`])) as Record<
    SoundName,
    string
  >;
  return {
    mode,
    tokenUrl: '/token',
    callControlUrl: '/call-control',
    device: { chunderw: host, eventgw: host, rtcConfiguration: { iceServers: [] }, sounds },
  };
}

/** `GET /client-config` and `GET /sounds/<name>.wav`. */
export function registerClientRoutes(app: App, ctx: AppContext): void {
  routeMethods(app, '/client-config', {
    GET: (request, reply) =>
      sendJson(
        reply,
        200,
        clientConfig(ctx.config.mode.kind, requestHost(request.headers.host, ctx.origins.defaultHost)),
      ),
  });
  routeMethods(app, '/sounds/:file', {
    GET: (request, reply) => {
      const file = (request.params as { file: string }).file;
      const name = /^([a-z0-9]+)\.wav$/.exec(file)?.[1] ?? '';
      if (!isSoundName(name)) throw new HttpError(404, 'not_found', `No sound "${file}"`);
      const wav = ctx.sounds.get(name);
      return reply
        .code(200)
        .headers({ 'content-type': 'audio/wav', 'cache-control': 'public, max-age=3600' })
        .send(wav);
    },
  });
}
