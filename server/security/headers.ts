import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { ServerConfig } from '../config.js';
import type { OriginPolicy } from './origins.js';

/** Where the SDK goes in Twilio mode: its edges (wss), insights and CDN sounds, all under twilio.com. */
const TWILIO_CONNECT = ['https://*.twilio.com', 'wss://*.twilio.com'];
const TWILIO_MEDIA = ['https://sdk.twilio.com'];

/**
 * The page's CSP. Scripts come only from this origin (SystemJS and webpack chunks load by `<script src>`, no inline
 * script, no eval); styles allow inline because MUI/emotion inject `<style>` elements at run time; audio may come from
 * blobs and data URLs (the SDK's remote stream and generated tones). In local mode the SDK also posts insights to
 * `eventgw.localhost` on this port.
 */
function cspDirectives(config: ServerConfig, origins: OriginPolicy): Record<string, Array<string | (() => string)>> {
  const twilio = config.mode.kind === 'twilio';
  const localInsights = (): string => `https://eventgw.localhost:${origins.port}`;
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'media-src': ["'self'", 'blob:', 'data:', ...(twilio ? TWILIO_MEDIA : [])],
    'connect-src': twilio ? ["'self'", ...TWILIO_CONNECT] : ["'self'", localInsights],
    'worker-src': ["'self'", 'blob:'],
    'frame-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': [...config.frameAncestors],
  };
}

/** X-Frame-Options can only say SAMEORIGIN or DENY; with other frame ancestors CSP alone decides. */
function frameOptions(frameAncestors: readonly string[]): FastifyHelmetOptions['xFrameOptions'] {
  if (frameAncestors.length === 1 && frameAncestors[0] === "'none'") return { action: 'deny' };
  if (frameAncestors.length === 1 && frameAncestors[0] === "'self'") return { action: 'sameorigin' };
  return false;
}

/** Security headers on every response (helmet): CSP, HSTS, nosniff, frame ancestors, COOP/CORP, referrer policy. */
export function helmetOptions(config: ServerConfig, origins: OriginPolicy): FastifyHelmetOptions {
  return {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(config, origins) },
    strictTransportSecurity: { maxAge: config.hstsMaxAgeSeconds, includeSubDomains: config.mode.kind === 'twilio' },
    xFrameOptions: frameOptions(config.frameAncestors),
    xContentTypeOptions: true,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
  };
}
