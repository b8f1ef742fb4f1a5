/**
 * The number plan behind the real gateway: a scripted PStream client (the SDK's signaling) plus a werift peer (the
 * browser's media) dial the simulated numbers.
 */
import twilio from 'twilio';
import type { RunningServer } from '../../../server/index';
import { createNumberPlan, NUMBER_PLAN, type SimulatedNumberPlan } from '../../../server/numbers';
import { openServerPeerCount } from '../../../server/media/serverPeer';
import { SECRET, ScriptedClient, start } from '../support';
import { LoopbackClient, waitFor } from '../support/loopbackClient';

jest.setTimeout(20_000);

const number = (kind: string): string => NUMBER_PLAN.find((e) => e.kind === kind)?.number ?? '';

function token(identity: string): string {
  const t = new twilio.jwt.AccessToken('AC' + '0'.repeat(32), 'SK' + '0'.repeat(32), SECRET, { identity, ttl: 600 });
  t.addGrant(new twilio.jwt.AccessToken.VoiceGrant({ incomingAllow: true }));
  return t.toJwt('HS256');
}

let server: RunningServer;
let plan: SimulatedNumberPlan;
let signaling: ScriptedClient;
let media: LoopbackClient;

beforeEach(async () => {
  server = await start();
  plan = createNumberPlan({ busyAfterMs: 50 });
  server.gateway.setNumberPlan(plan);
  signaling = await ScriptedClient.connect(server);
  signaling.send('listen', { token: token('alice'), browserinfo: {}, reconnectTimeout: 0 });
  await signaling.next('connected');
  signaling.send('register', { media: { audio: true } });
  await signaling.next('ready');
  media = new LoopbackClient();
});

afterEach(async () => {
  await signaling.close();
  await media.close();
  await server.close();
});

/** Places a call like Device.connect; an empty `to` sends no `To` at all (Device.runPreflight's test call). */
async function dial(to: string, tempSid: string): Promise<void> {
  signaling.send('invite', {
    callsid: tempSid,
    sdp: await media.createOffer(),
    twilio: { params: to ? new URLSearchParams({ To: to }).toString() : '' },
  });
}

describe('numbers behind the gateway', () => {
  it('echo: ringing, answer with server SDP, audio comes back; closing the gateway releases the media', async () => {
    await dial(number('echo'), 'TJecho');
    const ringing = await signaling.next('ringing');
    const answer = await signaling.next('answer');
    expect(answer.payload['callsid']).toBe(ringing.payload['callsid']);
    await media.acceptAnswer(String(answer.payload['sdp']));
    await media.connected();
    for (let i = 0; i < 20; i++) media.sendFrame(Buffer.from([i, 1, 2, 3]));
    await waitFor(() => media.received.length >= 15);
    expect(plan.activeCalls).toBe(1);
    expect(openServerPeerCount()).toBe(1);

    await server.close();
    expect(plan.activeCalls).toBe(0);
    expect(openServerPeerCount()).toBe(0);
  });

  it('IVR: signaling dtmf and call messages are answered with call messages; a hangup releases the media', async () => {
    await dial(number('ivr'), 'TJivr');
    const answer = await signaling.next('answer');
    const callsid = String(answer.payload['callsid']);
    await media.acceptAnswer(String(answer.payload['sdp']));
    await media.connected();
    const menu = await signaling.next('message', undefined, 5000);
    expect(menu.payload).toMatchObject({
      callsid,
      messagetype: 'user-defined-message',
      content: { type: 'ivr', event: 'menu', menu: 'main' },
    });

    signaling.send('dtmf', { callsid, dtmf: '2' });
    expect((await signaling.next('message')).payload['content']).toMatchObject({
      pressed: '2',
      via: 'signaling',
      menu: 'support',
    });

    signaling.send('message', {
      callsid,
      content: { hi: true },
      messagetype: 'user-defined-message',
      voiceeventsid: 'KXivr1',
    });
    await signaling.next('ack');
    expect((await signaling.next('message')).payload['content']).toMatchObject({
      event: 'reply',
      menu: 'support',
      received: { hi: true },
    });

    signaling.send('hangup', { callsid });
    await waitFor(() => openServerPeerCount() === 0 && plan.activeCalls === 0);
  });

  it('busy: the caller gets hangup 31486 under the only call id its SDK knows yet (its temporary id)', async () => {
    await dial(number('busy'), 'TJbusy');
    const hangup = await signaling.next('hangup');
    expect(hangup.payload).toMatchObject({ error: { code: 31486 } });
    expect(signaling.frames.some((f) => f.type === 'ringing')).toBe(false);
    // The SDK drops a hangup whose callsid is neither its CallSid (learnt from ringing/answer) nor its TJ id.
    expect(hangup.payload['callsid']).toBe('TJbusy');
  });

  it('a call without To (preflight) is an echo that hangs up by itself after the preflight duration', async () => {
    plan = createNumberPlan({ preflightEchoMs: 1500 });
    server.gateway.setNumberPlan(plan);
    await dial('', 'TJpreflight');
    const answer = await signaling.next('answer');
    const callsid = String(answer.payload['callsid']);
    expect(callsid).toMatch(/^CA[0-9a-f]{32}$/);
    const answeredAt = Date.now();
    await media.acceptAnswer(String(answer.payload['sdp']));
    await media.connected();
    for (let i = 0; i < 20; i++) media.sendFrame(Buffer.from([i, 1, 2, 3]));
    await waitFor(() => media.received.length >= 15);

    const hangup = await signaling.next('hangup', undefined, 5000);
    expect(hangup.payload['callsid']).toBe(callsid);
    expect(hangup.payload['error']).toBeUndefined();
    expect(Date.now() - answeredAt).toBeGreaterThanOrEqual(1400);
    await waitFor(() => openServerPeerCount() === 0 && plan.activeCalls === 0);
  });

  it('a call without To fails with 31404 when the plan takes no preflight calls', async () => {
    server.gateway.setNumberPlan({ route: (to) => plan.route(to) });
    await dial('', 'TJnoto');
    expect((await signaling.next('hangup')).payload).toMatchObject({ callsid: 'TJnoto', error: { code: 31404 } });
  });
});
