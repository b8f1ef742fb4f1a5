/** Signalling clients for the limits tests: a token per identity and a Device that listens and registers. */
import { readdirSync } from 'node:fs';
import twilio from 'twilio';
import type { RunningServer } from '../../../server/index';
import { SECRET, ScriptedClient, type Frame } from '../support';

export function token(identity: string): string {
  const t = new twilio.jwt.AccessToken('AC' + '0'.repeat(32), 'SK' + '0'.repeat(32), SECRET, { identity, ttl: 600 });
  t.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ incomingAllow: true }));
  return t.toJwt('HS256');
}

/** A Device connected and registered as `identity`. */
export async function device(server: RunningServer, identity: string): Promise<ScriptedClient> {
  const client = await ScriptedClient.connect(server);
  client.send('listen', { token: token(identity), browserinfo: {}, reconnectTimeout: 0 });
  await client.next('connected');
  client.send('register', { media: { audio: true } });
  await client.next('ready');
  return client;
}

export function invite(client: ScriptedClient, tempSid: string, to: string, sdp: string): void {
  client.send('invite', { callsid: tempSid, sdp, twilio: { params: new URLSearchParams({ To: to }).toString() } });
}

/** The `hangup` frames carrying an error with `code` (how the gateway refuses or fails a call). */
export function hangupsWithError(client: ScriptedClient, code: number): Frame[] {
  return client.frames.filter(
    (f) => f.type === 'hangup' && (f.payload['error'] as { code?: number } | undefined)?.code === code,
  );
}

/** Open file descriptors of this process (Linux): sockets and UDP ports of media peers show up here. */
export function openFileCount(): number {
  return readdirSync('/proc/self/fd').length;
}
