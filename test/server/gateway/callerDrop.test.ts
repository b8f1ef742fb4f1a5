/**
 * Issue 14 "ghost ringing": the caller's socket drops while the callee rings. The callee keeps ringing for the
 * reconnect grace, then gets `cancel`; the caller, once back, gets `hangup` with Twilio's error and `cancel` for
 * the call's id (the SDK closed the unanswered call silently; `cancel` releases its active call), and can dial again.
 */
import twilio from 'twilio';
import type { RunningServer } from '../../../server/index';
import { SECRET, ScriptedClient, getJson, start } from '../support';
import { LoopbackClient } from '../support/loopbackClient';

const GRACE_MS = 1200;

function token(identity: string): string {
  const t = new twilio.jwt.AccessToken('AC' + '0'.repeat(32), 'SK' + '0'.repeat(32), SECRET, { identity, ttl: 600 });
  t.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ incomingAllow: true }));
  return t.toJwt('HS256');
}

let server: RunningServer;
const clients: ScriptedClient[] = [];

async function device(identity: string): Promise<ScriptedClient> {
  const c = await ScriptedClient.connect(server);
  clients.push(c);
  c.send('listen', { token: token(identity) });
  await c.next('connected');
  c.send('register', { media: { audio: true } });
  await c.next('ready');
  return c;
}

/** The callers' media: every Device leg ends on a server peer, which needs a real offer to answer. */
const media: LoopbackClient[] = [];

async function dial(from: ScriptedClient, to: string, tempSid: string): Promise<string> {
  const callerMedia = new LoopbackClient();
  media.push(callerMedia);
  from.send('invite', {
    callsid: tempSid,
    sdp: await callerMedia.createOffer(),
    twilio: { params: `To=client%3A${to}` },
  });
  return (await from.next('ringing')).payload['callsid'] as string;
}

/** Waits (polling the control API) until the gateway holds no call. */
async function callsEnded(timeoutMs = GRACE_MS + 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await getJson(server, '/control/calls')).body.calls.length > 0) {
    if (Date.now() > deadline) throw new Error('the call did not end');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  server = await start({ ringTimeoutMs: 20_000, reconnectGraceMs: GRACE_MS });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(media.splice(0).map((m) => m.close()));
});
afterAll(async () => {
  await server.close();
});

test('the callee rings through the grace, then is cancelled; the returning caller is told and can dial again', async () => {
  const alice = await device('alice');
  const bob = await device('bob');
  const callSid = await dial(alice, 'bob', 'TJ-first');
  const invite = await bob.next('invite');
  const droppedAt = Date.now();
  await getJson(server, '/control/devices/alice/drop', { method: 'POST' });

  const back = await device('alice');
  // Still ringing: the call survives the drop for the grace.
  expect(bob.frames.some((f) => f.type === 'cancel')).toBe(false);
  const cancel = await bob.next('cancel', undefined, GRACE_MS + 2000);
  expect(cancel.payload).toEqual({ callsid: invite.payload['callsid'] });
  expect(Date.now() - droppedAt).toBeGreaterThanOrEqual(GRACE_MS - 50);

  expect((await back.next('hangup')).payload).toEqual({
    callsid: callSid,
    error: { code: 31005, message: expect.any(String) },
  });
  expect((await back.next('cancel')).payload).toEqual({ callsid: callSid });
  expect((await getJson(server, '/control/calls')).body.calls).toEqual([]);

  const again = await dial(back, 'bob', 'TJ-second');
  expect(again).not.toBe(callSid);
  expect((await bob.next('invite')).payload['callsid']).toBeDefined();
  // Hang the new call up, so no call of this test is still ringing when its sockets close.
  back.send('hangup', { callsid: again });
  await callsEnded();
});

test('a caller that comes back only after the grace is told then', async () => {
  const alice = await device('alice');
  await device('bob');
  const callSid = await dial(alice, 'bob', 'TJ-late');
  await getJson(server, '/control/devices/alice/drop', { method: 'POST' });
  await callsEnded();
  const back = await device('alice');
  expect((await back.next('hangup')).payload).toMatchObject({ callsid: callSid, error: { code: 31005 } });
  expect((await back.next('cancel')).payload).toEqual({ callsid: callSid });
});

test('a ring timeout while the caller is away still tells the caller once it is back', async () => {
  const quick = await start({ ringTimeoutMs: 300, reconnectGraceMs: 60_000 });
  try {
    const c = await ScriptedClient.connect(quick);
    c.send('listen', { token: token('alice') });
    await c.next('connected');
    const b = await ScriptedClient.connect(quick);
    b.send('listen', { token: token('bob') });
    await b.next('connected');
    b.send('register', { media: { audio: true } });
    await b.next('ready');
    const callerMedia = new LoopbackClient();
    media.push(callerMedia);
    c.send('invite', {
      callsid: 'TJ-timeout',
      sdp: await callerMedia.createOffer(),
      twilio: { params: 'To=client%3Abob' },
    });
    const callSid = (await c.next('ringing')).payload['callsid'] as string;
    await b.next('invite');
    await getJson(quick, '/control/devices/alice/drop', { method: 'POST' });
    await b.next('cancel', undefined, 3000);
    const back = await ScriptedClient.connect(quick);
    back.send('listen', { token: token('alice') });
    await back.next('connected');
    expect((await back.next('hangup')).payload).toMatchObject({ callsid: callSid, error: { code: 31005 } });
    expect((await back.next('cancel')).payload).toEqual({ callsid: callSid });
    await Promise.all([b.close(), back.close()]);
  } finally {
    await quick.close();
  }
});
