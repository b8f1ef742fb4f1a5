/**
 * Per-identity limits behind the real gateway: an invite storm from one token, invites per minute and sockets per
 * identity, with the process's server media peers, open files and RSS measured before and after.
 */
import WebSocket from 'ws';
import type { RunningServer } from '../../../server/index';
import { NUMBER_PLAN } from '../../../server/numbers';
import { openServerPeerCount } from '../../../server/media/serverPeer';
import { ScriptedClient, start } from '../support';
import { LoopbackClient, waitFor } from '../support/loopbackClient';
import { device, hangupsWithError, invite, openFileCount, token } from './limitsClients';

jest.setTimeout(60_000);

const ECHO = NUMBER_PLAN.find((entry) => entry.kind === 'echo')?.number ?? '';
const RSS_SLACK_BYTES = 64 * 1024 * 1024;

let server: RunningServer;
let media: LoopbackClient;
let offer: string;
const clients: ScriptedClient[] = [];

async function deviceFor(identity: string): Promise<ScriptedClient> {
  const client = await device(server, identity);
  clients.push(client);
  return client;
}

beforeAll(async () => {
  server = await start();
  media = new LoopbackClient();
  offer = await media.createOffer();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await waitFor(() => server.gateway.listCalls().length === 0);
});
afterAll(async () => {
  await media.close();
  await server.close();
});

/** One echo call answered and hung up, so werift and the number plan are loaded before the baseline is taken. */
async function warmUp(): Promise<void> {
  const warm = await deviceFor('warmup');
  invite(warm, 'TJwarm', ECHO, offer);
  await warm.next('answer', undefined, 10_000);
  warm.send('hangup', { callsid: 'TJwarm' });
  await waitFor(() => openServerPeerCount() === 0 && server.gateway.listCalls().length === 0);
  await Promise.all(clients.splice(0).map((c) => c.close()));
}

test('200 invites from one token: 4 calls, 196 refused with 31206, media peers and RSS back to baseline', async () => {
  await warmUp();
  const baseline = { peers: openServerPeerCount(), files: openFileCount(), rss: process.memoryUsage().rss };
  const alice = await deviceFor('alice');
  let peakPeers = 0;
  const sampler = setInterval(() => (peakPeers = Math.max(peakPeers, openServerPeerCount())), 5);

  const tempSids = Array.from({ length: 200 }, (_, i) => `TJstorm${i}`);
  for (const tempSid of tempSids) invite(alice, tempSid, ECHO, offer);
  await waitFor(() => hangupsWithError(alice, 31206).length === 196, 20_000);
  await waitFor(() => alice.frames.filter((f) => f.type === 'answer').length === 4, 20_000);
  clearInterval(sampler);

  const refused = hangupsWithError(alice, 31206);
  // The first four were admitted, every later one refused with a message saying why.
  expect(refused.map((f) => f.payload['callsid'])).toEqual(tempSids.slice(4));
  expect(refused[0]?.payload['error']).toEqual({ code: 31206, message: '"alice" already has 4 calls (limit 4)' });
  expect(server.gateway.listCalls()).toHaveLength(4);
  expect(peakPeers).toBeLessThanOrEqual(baseline.peers + 4);
  expect(openServerPeerCount()).toBe(baseline.peers + 4);

  // Another identity is not limited by alice's storm.
  const bob = await deviceFor('bob');
  invite(bob, 'TJbob', ECHO, offer);
  await bob.next('answer', undefined, 10_000);
  bob.send('hangup', { callsid: 'TJbob' });

  for (const tempSid of tempSids.slice(0, 4)) alice.send('hangup', { callsid: tempSid });
  await waitFor(() => server.gateway.listCalls().length === 0 && openServerPeerCount() === baseline.peers, 10_000);
  await Promise.all(clients.splice(0).map((c) => c.close()));
  // Sockets and UDP ports of the released peers close asynchronously.
  const filesSettled = waitFor(() => openFileCount() <= baseline.files + 2, 10_000);
  await filesSettled.catch(() => undefined);
  const after = { peers: openServerPeerCount(), files: openFileCount(), rss: process.memoryUsage().rss };
  console.log(
    `invite storm: peak server media peers ${peakPeers}; peers ${baseline.peers} -> ${after.peers}; ` +
      `open files ${baseline.files} -> ${after.files}; ` +
      `RSS ${(baseline.rss / 2 ** 20).toFixed(1)} MB -> ${(after.rss / 2 ** 20).toFixed(1)} MB`,
  );
  expect(after.files).toBeLessThanOrEqual(baseline.files + 2);
  expect(after.rss).toBeLessThan(baseline.rss + RSS_SLACK_BYTES);
});

test('30 invites per minute: the 31st call of the minute is refused with 31206, the socket stays usable', async () => {
  const carol = await deviceFor('carol');
  for (let i = 0; i < 30; i++) {
    // A client nobody registered: the call fails at once (31480) but counts as an invite.
    invite(carol, `TJrate${i}`, 'client:nobody', offer);
    await carol.next('hangup', (p) => p['callsid'] === `TJrate${i}`);
  }
  expect(hangupsWithError(carol, 31206)).toHaveLength(0);
  invite(carol, 'TJrate30', ECHO, offer);
  const refused = await carol.next('hangup', (p) => p['callsid'] === 'TJrate30');
  expect(refused.payload['error']).toEqual({
    code: 31206,
    message: '"carol" placed 30 calls in the last minute (limit 30)',
  });
  expect(server.gateway.listCalls()).toEqual([]);
  // Still connected and registered: incoming calls reach carol.
  const dave = await deviceFor('dave');
  invite(dave, 'TJdave', 'client:carol', offer);
  await carol.next('invite');
});

test('10 sockets per identity: the 11th is told 31206 and closed; once one closes, a new one is accepted', async () => {
  for (let i = 0; i < 10; i++) await deviceFor('erin');
  const extra = await ScriptedClient.connect(server);
  const closed = new Promise<number>((resolve) => extra.ws.once('close', (code) => resolve(code)));
  extra.send('listen', { token: token('erin'), browserinfo: {}, reconnectTimeout: 0 });
  const error = await extra.next('error');
  expect(error.payload['error']).toEqual({
    code: 31206,
    message: '"erin" already has 10 signalling connections (limit 10)',
  });
  expect(await closed).toBe(1008);
  expect(extra.frames.some((f) => f.type === 'connected')).toBe(false);
  expect(server.gateway.registrations().filter((r) => r.identity === 'erin')).toHaveLength(10);

  await clients.pop()?.close();
  await waitFor(() => server.gateway.registrations().filter((r) => r.identity === 'erin').length === 9);
  await deviceFor('erin');
  expect(server.gateway.registrations().filter((r) => r.identity === 'erin')).toHaveLength(10);
  expect(extra.ws.readyState).toBe(WebSocket.CLOSED);
});
