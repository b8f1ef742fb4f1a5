import type { CodecPreference } from './codecs.js';

/**
 * The caller's first choice among the codecs the server speaks (Opus or PCMU), read from the audio m-line of an
 * offer. The SDK orders its offer by the Device's `codecPreferences`; an echo honours it, like Twilio's media servers.
 */
export function offeredPreference(offerSdp: string): CodecPreference | null {
  const lines = offerSdp.split(/\r?\n/);
  const mline = lines.find((l) => l.startsWith('m=audio '));
  if (!mline) return null;
  const payloadTypes = mline.split(' ').slice(3);
  const names = new Map<string, string>();
  for (const line of lines) {
    const match = /^a=rtpmap:(\d+) ([^/]+)\//.exec(line);
    if (match?.[1] && match[2] && !names.has(match[1])) names.set(match[1], match[2].toLowerCase());
  }
  for (const pt of payloadTypes) {
    const name = names.get(pt) ?? (pt === '0' ? 'pcmu' : undefined);
    if (name === 'opus') return 'opus';
    if (name === 'pcmu') return 'pcmu';
  }
  return null;
}
