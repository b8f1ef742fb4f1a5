/**
 * A storm of control-API calls to one identity (100 POST /control/calls at once) rings its phone at most
 * LIMIT_CALLS_PER_IDENTITY times; the rest are refused with 429 before any server media peer is made.
 */
import type { RunningServer } from '../../../server/index';
import { openServerPeerCount } from '../../../server/media/serverPeer';
import { getJson, start, type ScriptedClient } from '../support';
import { waitFor } from '../support/loopbackClient';
import { device } from './limitsClients';

jest.setTimeout(60_000);

let server: RunningServer;
let phone: ScriptedClient;

beforeAll(async () => {
  server = await start();
  phone = await device(server, 'frank');
});
afterAll(async () => {
  await phone.close();
  await server.close();
});

const placeCall = () =>
  getJson(server, '/control/calls', { method: 'POST', body: JSON.stringify({ to: 'client:frank' }) });

test('100 POST /control/calls to one identity: 4 ring, 96 get 429 too_many_calls, no extra media peers', async () => {
  const baselinePeers = openServerPeerCount();
  let peakPeers = 0;
  const sampler = setInterval(() => (peakPeers = Math.max(peakPeers, openServerPeerCount())), 5);
  const responses = await Promise.all(Array.from({ length: 100 }, placeCall));
  clearInterval(sampler);

  const placed = responses.filter((r) => r.status === 201);
  const refused = responses.filter((r) => r.status === 429);
  expect(placed).toHaveLength(4);
  expect(refused).toHaveLength(96);
  expect(refused[0]?.body).toEqual({
    error: {
      code: 'too_many_calls',
      message: 'client:frank already has 4 calls (limit 4); try again when one ends',
    },
  });
  // The phone rang four times, not a hundred.
  expect(phone.frames.filter((f) => f.type === 'invite')).toHaveLength(4);
  expect(server.gateway.listCalls()).toHaveLength(4);
  expect(peakPeers).toBeLessThanOrEqual(baselinePeers + 4);

  // Declining the calls frees the identity: the next control call rings again.
  for (const invite of phone.frames.filter((f) => f.type === 'invite'))
    phone.send('reject', { callsid: invite.payload['callsid'] });
  await waitFor(() => server.gateway.listCalls().length === 0 && openServerPeerCount() === baselinePeers, 10_000);
  const again = await placeCall();
  expect(again.status).toBe(201);
  await waitFor(() => phone.frames.filter((f) => f.type === 'invite').length === 5);
  await getJson(server, `/control/calls/${String(again.body.callSid)}`, { method: 'DELETE' });
  await waitFor(() => server.gateway.listCalls().length === 0 && openServerPeerCount() === baselinePeers, 10_000);
  console.log(`control storm: 100 requests -> 4 placed, 96 refused (429); peak server media peers ${peakPeers}`);
});
