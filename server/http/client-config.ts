import type { IncomingMessage } from 'node:http';
import { SOUND_NAMES, type SoundName } from '../sounds/catalog.js';

export interface ClientConfig {
  mode: 'local' | 'twilio';
  tokenUrl: string;
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
export function requestHost(req: IncomingMessage, fallback: string): string {
  const host = req.headers.host;
  return host && HOST_HEADER.test(host) ? host : fallback;
}

/** Device options for the browser: the local gateway and local sounds, or the SDK's Twilio defaults. */
export function clientConfig(mode: 'local' | 'twilio', host: string): ClientConfig {
  if (mode === 'twilio') return { mode, tokenUrl: '/token', device: {} };
  const sounds = Object.fromEntries(SOUND_NAMES.map((name) => [name, `https://${host}/sounds/${name}.wav`])) as Record<SoundName, string>;
  return {
    mode,
    tokenUrl: '/token',
    device: { chunderw: host, eventgw: host, rtcConfiguration: { iceServers: [] }, sounds },
  };
}
