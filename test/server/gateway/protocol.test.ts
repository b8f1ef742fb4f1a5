import { createHmac } from 'node:crypto';
import twilio from 'twilio';
import type { RunningServer } from '../../../server/index';
import { SECRET, ScriptedClient, getJson, start, type Frame } from '../support';
import { LoopbackClient } from '../support/loopbackClient';

function token(identity: string, opts: { ttl?: number; secret?: string } = {}): string {
  const t = new twilio.jwt.AccessToken('AC' + '0'.repeat(32), 'SK' + '0'.repeat(32), opts.secret ?? SECRET, {
    identity,
    ttl: opts.ttl ?? 600,
  });
  t.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ incomingAllow: true }));
  return t.toJwt('HS256');
}

/** An expired but correctly signed token. */
function expiredToken(identity: string): string {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const payload = Buffer.from(
    JSON.stringify({ iat: now - 100, exp: now - 10, grants: { identity, voice: {} } }),
  ).toString('base64url');
  const sig = createHmac('sha256', SECRET).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${sig}`;
}

let server: RunningServer;
const clients: ScriptedClient[] = [];

async function device(identity: string): Promise<ScriptedClient> {
  const c = await ScriptedClient.connect(server);
  clients.push(c);
  c.send('listen', { token: token(identity), browserinfo: {}, reconnectTimeout: 0 });
  await c.next('connected');
  c.send('register', { media: { audio: true } });
  await c.next('ready');
  return c;
}

/** A Chrome-like audio offer: every Device leg ends on a server peer, which needs a real offer to answer. */
let OFFER = '';
const media: LoopbackClient[] = [];

/** A Device's answer to the server leg's offer in `invite`. */
async function answerTo(invite: Frame): Promise<string> {
  const client = new LoopbackClient();
  media.push(client);
  return client.answer(String(invite.payload['sdp']));
}

beforeAll(async () => {
  server = await start({ ringTimeoutMs: 2000, reconnectGraceMs: 1500 });
  const offerer = new LoopbackClient();
  media.push(offerer);
  OFFER = await offerer.createOffer();
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(media.splice(1).map((m) => m.close()));
});
afterAll(async () => {
  await Promise.all(media.splice(0).map((m) => m.close()));
  await server.close();
});

describe('authentication', () => {
  test('listen with a valid token gets connected with identity and remaining ttl', async () => {
    const c = await ScriptedClient.connect(server);
    clients.push(c);
    c.send('listen', { token: token('alice', { ttl: 120 }) });
    const connected = await c.next('connected');
    // Twilio's shape: a region, an edge, and a home (one that keeps the SDK's insights on this machine).
    expect(connected.payload).toMatchObject({
      region: 'us1',
      edge: 'ashburn',
      home: expect.stringMatching(/^localhost:\d+\/insights#$/),
      token: { identity: 'alice' },
    });
    const ttl = (connected.payload['token'] as { ttl: number }).ttl;
    expect(ttl).toBeGreaterThan(110);
    expect(ttl).toBeLessThanOrEqual(120);
  });

  test('a token signed with another secret is refused with 20101', async () => {
    const c = await ScriptedClient.connect(server);
    clients.push(c);
    c.send('listen', { token: token('alice', { secret: 'wrong' }) });
    expect((await c.next('error')).payload['error']).toMatchObject({ code: 20101 });
  });

  test('garbage tokens are refused with 20101', async () => {
    const c = await ScriptedClient.connect(server);
    clients.push(c);
    c.send('listen', { token: 'not.a.jwt' });
    expect((await c.next('error')).payload['error']).toMatchObject({ code: 20101 });
  });

  test('an expired token is refused with 20104', async () => {
    const c = await ScriptedClient.connect(server);
    clients.push(c);
    c.send('listen', { token: expiredToken('alice') });
    expect((await c.next('error')).payload['error']).toMatchObject({ code: 20104 });
  });

  test('register before a valid listen earns 31204', async () => {
    const c = await ScriptedClient.connect(server);
    clients.push(c);
    c.send('register', { media: { audio: true } });
    expect((await c.next('error')).payload['error']).toMatchObject({ code: 31204 });
  });

  test('expire-token sends 31205 (as Twilio) and a new listen restores the session without a second connected', async () => {
    const alice = await device('alice');
    const res = await getJson(server, '/control/devices/alice/expire-token', { method: 'POST' });
    expect(res).toMatchObject({ status: 200, body: { identity: 'alice', sockets: 1 } });
    expect((await alice.next('error')).payload['error']).toMatchObject({ code: 31205 });
    alice.send('register', { media: { audio: true } });
    expect((await alice.next('error')).payload['error']).toMatchObject({ code: 31205 });
    alice.send('listen', { token: token('alice') });
    alice.send('register', { media: { audio: true } });
    await alice.next('ready');
    expect(alice.frames.some((f) => f.type === 'connected')).toBe(false);
  });

  test('register with audio false goes offline', async () => {
    const alice = await device('alice');
    alice.send('register', { media: { audio: false } });
    await alice.next('offline');
    expect((await getJson(server, '/control/registrations')).body.registrations).toEqual([
      expect.objectContaining({ identity: 'alice', registered: false }),
    ]);
  });
});

describe('robustness', () => {
  test.each([
    ['not json', '{nope'],
    ['no type', JSON.stringify({ payload: {} })],
    ['unknown type', JSON.stringify({ type: 'teleport', payload: {} })],
    ['invalid payload', JSON.stringify({ type: 'listen', payload: { token: 42 } })],
  ])('%s → error frame 31100 and the socket stays usable', async (_name, text) => {
    const c = await ScriptedClient.connect(server);
    clients.push(c);
    c.ws.send(text);
    expect((await c.next('error')).payload['error']).toMatchObject({ code: 31100 });
    c.send('listen', { token: token('alice') });
    await c.next('connected');
  });

  test('oversized frames close the socket without harming the server', async () => {
    const c = await ScriptedClient.connect(server);
    const closed = new Promise<number>((resolve) => c.ws.once('close', (code) => resolve(code)));
    c.ws.send('x'.repeat(300 * 1024));
    expect(await closed).toBe(1009);
    expect((await getJson(server, '/control/registrations')).status).toBe(200);
  });

  test('heartbeat newlines are ignored', async () => {
    const c = await ScriptedClient.connect(server);
    clients.push(c);
    c.ws.send('\n');
    c.send('listen', { token: token('alice') });
    await c.next('connected');
    expect(c.frames.filter((f) => f.type === 'error')).toEqual([]);
  });

  test('unknown websocket paths are refused', async () => {
    await expect(ScriptedClient.connect(server, '/nope')).rejects.toThrow();
  });
});

describe('calls between devices', () => {
  /** The offer of the last dial's caller media (a resumed socket sends it again). */
  let lastOffer = '';

  /** Dials like the SDK: its media (a werift peer) takes the early-media answer in `ringing`, as the browser does. */
  async function dial(from: ScriptedClient, to: string, extra: Record<string, string> = {}) {
    const callerMedia = new LoopbackClient();
    media.push(callerMedia);
    lastOffer = await callerMedia.createOffer();
    from.send('invite', {
      callsid: 'TJ' + Math.random().toString(16).slice(2),
      sdp: lastOffer,
      twilio: { params: new URLSearchParams({ To: to, ...extra }).toString() },
    });
    const ringing = await from.next('ringing');
    await callerMedia.acceptAnswer(String(ringing.payload['sdp']));
    return ringing.payload['callsid'] as string;
  }

  /** Every Device leg ends on a server peer: SDP with an audio line and the server's own loopback candidate. */
  const serverSdp = expect.stringMatching(/m=audio[\s\S]*a=candidate:.* 127\.0\.0\.1 /);

  test('invite rings every device of the identity; first answer wins, the other gets cancel', async () => {
    const alice = await device('alice');
    const bob1 = await device('bob');
    const bob2 = await device('bob');
    const callSid = await dial(alice, 'client:bob', { topic: 'demo' });
    expect(callSid).toMatch(/^CA[0-9a-f]{32}$/);
    const inv1 = await bob1.next('invite');
    const inv2 = await bob2.next('invite');
    // The callees get the server leg's offer, not the caller's SDP; the caller rang with its own server answer.
    expect(inv1.payload).toMatchObject({
      sdp: serverSdp,
      parameters: { From: 'client:alice', To: 'client:bob', Params: 'topic=demo' },
    });
    expect(inv1.payload['sdp']).not.toBe(lastOffer);
    expect(inv1.payload['callsid']).not.toBe(inv2.payload['callsid']);
    expect(inv1.payload['reconnect']).toEqual(expect.any(String));

    bob2.send('answer', { callsid: inv2.payload['callsid'], sdp: await answerTo(inv2) });
    const answer = await alice.next('answer');
    expect(answer.payload).toMatchObject({ callsid: callSid, sdp: serverSdp, reconnect: expect.any(String) });
    expect((await bob1.next('cancel')).payload).toEqual({ callsid: inv1.payload['callsid'] });

    const calls = (await getJson(server, '/control/calls')).body.calls;
    expect(calls).toEqual([
      expect.objectContaining({
        callSid,
        status: 'in-progress',
        from: 'client:alice',
        to: 'client:bob',
        params: { topic: 'demo' },
      }),
    ]);

    // dtmf reaches the other Device; call messages go to the server application only (never Device to Device)
    alice.send('dtmf', { callsid: callSid, dtmf: '12#' });
    expect((await bob2.next('dtmf')).payload).toEqual({ callsid: inv2.payload['callsid'], dtmf: '12#' });
    alice.send('message', {
      callsid: callSid,
      content: { hi: 1 },
      contenttype: 'application/json',
      messagetype: 'user-defined-message',
      voiceeventsid: 'KXa',
    });
    expect((await alice.next('ack')).payload).toEqual({ acktype: 'message', callsid: callSid, voiceeventsid: 'KXa' });
    bob2.send('message', {
      callsid: inv2.payload['callsid'],
      content: 'back',
      messagetype: 'user-defined-message',
      voiceeventsid: 'KXb',
    });
    await bob2.next('ack');
    const received = await getJson(server, `/control/calls/${callSid}/messages`);
    expect(received).toMatchObject({
      status: 200,
      body: {
        messages: [
          { callSid, identity: 'alice', content: { hi: 1 }, messageType: 'user-defined-message', voiceEventSid: 'KXa' },
          { callSid: inv2.payload['callsid'], identity: 'bob', content: 'back', voiceEventSid: 'KXb' },
        ],
      },
    });
    expect(alice.frames.filter((f) => f.type === 'message')).toEqual([]);
    expect(bob2.frames.filter((f) => f.type === 'message')).toEqual([]);

    // an unknown message type is refused with 31210, as Twilio does
    alice.send('message', { callsid: callSid, content: 1, messagetype: 'custom-type', voiceeventsid: 'KXc' });
    expect((await alice.next('error')).payload).toMatchObject({
      callsid: callSid,
      voiceeventsid: 'KXc',
      error: { code: 31210 },
    });

    // server-sent call message through the control API
    const sent = await getJson(server, `/control/calls/${callSid}/messages`, {
      method: 'POST',
      body: JSON.stringify({ content: { from: 'server' } }),
    });
    expect(sent.status).toBe(202);
    expect((await alice.next('message')).payload).toMatchObject({
      content: { from: 'server' },
      messagetype: 'user-defined-message',
    });

    bob2.send('hangup', { callsid: inv2.payload['callsid'] });
    expect((await alice.next('hangup')).payload).toEqual({ callsid: callSid });
    expect((await getJson(server, '/control/calls')).body.calls).toEqual([]);
  });

  test('reject fails the caller with 31486 and cancels the other devices', async () => {
    const alice = await device('alice');
    const bob1 = await device('bob');
    const bob2 = await device('bob');
    const callSid = await dial(alice, 'bob');
    const inv1 = await bob1.next('invite');
    const inv2 = await bob2.next('invite');
    bob1.send('reject', { callsid: inv1.payload['callsid'] });
    expect((await alice.next('hangup')).payload).toMatchObject({ callsid: callSid, error: { code: 31486 } });
    expect((await bob2.next('cancel')).payload).toEqual({ callsid: inv2.payload['callsid'] });
  });

  test('caller hangup before answer cancels the ringing device', async () => {
    const alice = await device('alice');
    const bob = await device('bob');
    const callSid = await dial(alice, 'bob');
    const inv = await bob.next('invite');
    alice.send('hangup', { callsid: callSid });
    expect((await bob.next('cancel')).payload).toEqual({ callsid: inv.payload['callsid'] });
  });

  test('unanswered calls end with 31480 after the ring timeout', async () => {
    const alice = await device('alice');
    const bob = await device('bob');
    const callSid = await dial(alice, 'bob');
    await bob.next('invite');
    expect((await alice.next('hangup', undefined, 4000)).payload).toMatchObject({
      callsid: callSid,
      error: { code: 31480 },
    });
    await bob.next('cancel');
  });

  test('an unregistered identity fails the caller with 31480; an unknown number with 31404', async () => {
    const alice = await device('alice');
    alice.send('invite', { callsid: 'TJ1', sdp: OFFER, twilio: { params: 'To=client%3Anobody' } });
    expect((await alice.next('hangup')).payload).toMatchObject({ error: { code: 31480 } });
    alice.send('invite', { callsid: 'TJ2', sdp: OFFER, twilio: { params: 'To=%2B15551234567' } });
    expect((await alice.next('hangup')).payload).toMatchObject({ error: { code: 31404 } });
  });

  test('a dropped socket keeps the call for a reconnect invite with the token, then re-binds it', async () => {
    const alice = await device('alice');
    const bob = await device('bob');
    const callSid = await dial(alice, 'bob');
    const inv = await bob.next('invite');
    bob.send('answer', { callsid: inv.payload['callsid'], sdp: await answerTo(inv) });
    const answer = await alice.next('answer');

    expect((await getJson(server, '/control/devices/alice/drop', { method: 'POST' })).body).toEqual({
      identity: 'alice',
      sockets: 1,
    });
    const again = await ScriptedClient.connect(server);
    clients.push(again);
    again.send('listen', { token: token('alice') });
    await again.next('connected');
    // The same peer connection on a new socket (same ICE credentials): the answer it had still holds.
    again.send('invite', { callsid: callSid, sdp: lastOffer, reconnect: answer.payload['reconnect'], twilio: {} });
    expect((await again.next('answer')).payload).toMatchObject({ callsid: callSid, sdp: answer.payload['sdp'] });
    // A new peer connection (a connectToken on another page): a new server leg answers its offer.
    const newPage = new LoopbackClient();
    media.push(newPage);
    const newOffer = await newPage.createOffer();
    again.send('invite', { callsid: callSid, sdp: newOffer, reconnect: answer.payload['reconnect'], twilio: {} });
    const replaced = await again.next('answer');
    expect(replaced.payload).toMatchObject({ callsid: callSid, sdp: serverSdp });
    expect(replaced.payload['sdp']).not.toBe(answer.payload['sdp']);
    await newPage.acceptAnswer(String(replaced.payload['sdp']));
    await newPage.connected();
    again.send('hangup', { callsid: callSid });
    await bob.next('hangup');
  });

  test("reinvite (ICE restart) is answered by the leg's server peer on the same connection", async () => {
    const alice = await device('alice');
    const bob = await device('bob');
    const aliceMedia = new LoopbackClient();
    media.push(aliceMedia);
    const callsid = 'TJ' + Math.random().toString(16).slice(2);
    alice.send('invite', { callsid, sdp: await aliceMedia.createOffer(), twilio: { params: 'To=client%3Abob' } });
    const ringing = await alice.next('ringing');
    const callSid = String(ringing.payload['callsid']);
    await aliceMedia.acceptAnswer(String(ringing.payload['sdp']));
    await aliceMedia.connected();
    const inv = await bob.next('invite');
    bob.send('answer', { callsid: inv.payload['callsid'], sdp: await answerTo(inv) });
    await alice.next('answer');
    await aliceMedia.pc.setLocalDescription(await aliceMedia.pc.createOffer({ iceRestart: true }));
    const restartOffer = aliceMedia.pc.localDescription?.sdp ?? '';
    alice.send('reinvite', { callsid: callSid, sdp: restartOffer });
    const reanswer = await alice.next('answer');
    expect(reanswer.payload).toMatchObject({ callsid: callSid, sdp: serverSdp });
    await aliceMedia.acceptAnswer(String(reanswer.payload['sdp']));
    expect(aliceMedia.pc.signalingState).toBe('stable');
    alice.send('hangup', { callsid: callSid });
    await bob.next('hangup');
  });

  test('listen.reconnectTimeout sets how long a dropped call waits for its Device', async () => {
    const alice = await ScriptedClient.connect(server);
    clients.push(alice);
    alice.send('listen', { token: token('alice'), browserinfo: {}, reconnectTimeout: 5 });
    await alice.next('connected');
    alice.send('register', { media: { audio: true } });
    await alice.next('ready');
    const bob = await device('bob');
    const callSid = await dial(alice, 'bob');
    const inv = await bob.next('invite');
    bob.send('answer', { callsid: inv.payload['callsid'], sdp: await answerTo(inv) });
    await alice.next('answer');
    const dropped = Date.now();
    await getJson(server, '/control/devices/alice/drop', { method: 'POST' });
    // The gateway's own grace is 1.5 s; alice asked for 5 s.
    await bob.next('hangup', undefined, 8000);
    expect(Date.now() - dropped).toBeGreaterThanOrEqual(4900);
    expect(callSid).toBeDefined();
  }, 15_000);

  test('without a reconnect the call ends after the grace period', async () => {
    const alice = await device('alice');
    const bob = await device('bob');
    const callSid = await dial(alice, 'bob');
    const inv = await bob.next('invite');
    bob.send('answer', { callsid: inv.payload['callsid'], sdp: await answerTo(inv) });
    await alice.next('answer');
    await getJson(server, '/control/devices/alice/drop', { method: 'POST' });
    expect((await bob.next('hangup', undefined, 4000)).payload).toEqual({ callsid: inv.payload['callsid'] });
    expect(callSid).toBeDefined();
  });

  test('a wrong reconnect token is answered with hangup 31209', async () => {
    const alice = await device('alice');
    alice.send('invite', { callsid: 'CA' + '1'.repeat(32), sdp: OFFER, reconnect: 'bogus', twilio: {} });
    expect((await alice.next('hangup')).payload).toMatchObject({ error: { code: 31209 } });
  });

  test('messages on a call that is not answered get an error carrying the voiceeventsid', async () => {
    const alice = await device('alice');
    await device('bob');
    const callSid = await dial(alice, 'bob');
    alice.send('message', {
      callsid: callSid,
      content: 'x',
      messagetype: 'user-defined-message',
      voiceeventsid: 'KXz',
    });
    expect((await alice.next('error')).payload).toMatchObject({ callsid: callSid, voiceeventsid: 'KXz' });
    alice.send('hangup', { callsid: callSid });
  });

  test('stop/start signalling closes sockets and refuses new ones until restarted', async () => {
    const alice = await device('alice');
    const closed = new Promise<void>((resolve) => alice.ws.once('close', () => resolve()));
    expect((await getJson(server, '/control/signalling/stop', { method: 'POST' })).body).toEqual({
      signalling: 'stopped',
    });
    await closed;
    await expect(ScriptedClient.connect(server)).rejects.toThrow();
    await getJson(server, '/control/signalling/start', { method: 'POST' });
    await device('alice');
  });
});
