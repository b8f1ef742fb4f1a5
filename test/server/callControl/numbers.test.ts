/**
 * Call control of calls whose far end is a number of the plan or the server's own media (POST /control/calls): the
 * server peer that answered the Device is split at the first action, so the number's code becomes a party the line
 * holds (it hears hold music), moves (blind and warm transfer) and mixes (merge), with no renegotiation.
 */
import type { RunningServer } from '../../../server/index';
import { openServerPeerCount } from '../../../server/media/serverPeer';
import { getJson, start } from '../support';
import { HEARD, NOT_HEARD, Phone, eventually, legsOf, type Leg } from './rig';

jest.setTimeout(60_000);
const ECHO = '+14155550100';
const IVR = '+14155550101';
let server: RunningServer;
const phones: Phone[] = [];

async function phone(identity: string, pcmu = true): Promise<Phone> {
  const p = await Phone.register(server, identity, pcmu);
  phones.push(p);
  return p;
}

/** `who` dials the echo and hears itself. */
async function echoCall(who: Phone): Promise<Leg> {
  const leg = await who.dial(ECHO);
  await eventually(() => leg.hears(who.identity) > HEARD, `${who.identity} hears the echo`);
  return leg;
}

const hearsOnly = (leg: Leg, heard: string[], notHeard: string[]) =>
  heard.every((t) => leg.hears(t) > HEARD) && notHeard.every((t) => leg.hears(t) < NOT_HEARD);

beforeAll(async () => {
  server = await start({ ringTimeoutMs: 10_000 });
});
afterEach(async () => {
  await Promise.all(phones.splice(0).map((p) => p.close()));
  await eventually(async () => (await getJson(server, '/control/calls')).body.calls.length === 0, 'calls released');
});
afterAll(async () => {
  await server.close();
  expect(openServerPeerCount()).toBe(0);
});

test('hold of an echo call: the echo gets hold music, alice hears nothing back; resume: the echo returns', async () => {
  const alice = await phone('alice');
  const aLeg = await echoCall(alice);
  const peersBefore = openServerPeerCount();
  expect(await alice.control(server, 'hold', { callSid: aLeg.callSid, held: true })).toEqual({
    status: 200,
    body: { held: true },
  });
  // Nothing of alice reaches the echo (it would return it) and nothing comes back: near silence.
  await eventually(() => aLeg.hears('alice') < NOT_HEARD && aLeg.energy() < 100, 'alice hears no echo');
  const legs = (await legsOf(server, aLeg.callSid)).legs as Array<{ legSid: string; party: string; hears: string[] }>;
  expect(legs.map((l) => [l.party, l.hears])).toEqual([
    ['client:alice', []],
    [ECHO, ['hold-music']],
  ]);
  // Taking the call over splits the echo's own server peer: no new peer, the Device leg is not renegotiated.
  expect(openServerPeerCount()).toBe(peersBefore);
  await alice.control(server, 'hold', { callSid: aLeg.callSid, held: false });
  await eventually(() => aLeg.hears('alice') > HEARD, 'the echo returns alice again');
  expect((await legsOf(server, aLeg.callSid)).legs.map((l: { hears: string[] }) => l.hears)).toEqual([
    [legs[1]?.legSid],
    [aLeg.callSid],
  ]);
});

test('blind transfer of an echo call to bob: bob hears his own echo, alice’s leg is ended', async () => {
  const [alice, bob] = [await phone('alice'), await phone('bob')];
  const aLeg = await echoCall(alice);
  const bobAnswers = bob.answer();
  expect(await alice.control(server, 'transfer', { callSid: aLeg.callSid, to: 'client:bob', mode: 'blind' })).toEqual({
    status: 200,
    body: {},
  });
  await alice.signal.next('hangup', (p) => p['callsid'] === aLeg.callSid);
  const bLeg = await bobAnswers;
  await eventually(() => hearsOnly(bLeg, ['bob'], ['alice']), 'bob hears himself through the echo');
  // The line is bob's now: he holds it and the echo stops returning him.
  expect((await bob.control(server, 'hold', { callSid: bLeg.callSid, held: true })).body).toEqual({ held: true });
  await eventually(() => bLeg.hears('bob') < NOT_HEARD, 'bob held the echo');
});

test('blind transfer of an IVR call to bob: bob hears the prompt and his keypad reaches the IVR (9 hangs up)', async () => {
  const [alice, bob] = [await phone('alice'), await phone('bob')];
  const aLeg = await alice.dial(IVR);
  await eventually(() => aLeg.energy() > 300, 'alice hears the IVR prompt');
  const bobAnswers = bob.answer();
  await alice.control(server, 'transfer', { callSid: aLeg.callSid, to: 'client:bob', mode: 'blind' });
  await alice.signal.next('hangup', (p) => p['callsid'] === aLeg.callSid);
  const bLeg = await bobAnswers;
  await eventually(() => bLeg.energy() > 300 && bLeg.hears('alice') < NOT_HEARD, 'bob hears the IVR prompt');
  await bLeg.media.sendDigit('9');
  await bob.signal.next('hangup', (p) => p['callsid'] === bLeg.callSid, 10_000);
});

test('blind transfer of an echo call to another number: the echo and the IVR hear each other, alice leaves', async () => {
  const alice = await phone('alice');
  const aLeg = await echoCall(alice);
  await alice.control(server, 'hold', { callSid: aLeg.callSid, held: true });
  const echoSid = (await legsOf(server, aLeg.callSid)).legs[1].legSid as string;
  expect(await alice.control(server, 'transfer', { callSid: aLeg.callSid, to: IVR, mode: 'blind' })).toEqual({
    status: 200,
    body: {},
  });
  await alice.signal.next('hangup', (p) => p['callsid'] === aLeg.callSid);
  const joined = (await legsOf(server, echoSid)).legs as Array<{ legSid: string; party: string; hears: string[] }>;
  const ivrSid = joined.find((l) => l.party === IVR)?.legSid;
  expect(joined.map((l) => [l.party, l.hears])).toEqual([
    [ECHO, [ivrSid]],
    [IVR, [echoSid]],
  ]);
});

test('warm transfer of an echo call to bob: consult while the echo is held, complete: bob hears his echo', async () => {
  const [alice, bob] = [await phone('alice'), await phone('bob')];
  const aLeg = await echoCall(alice);
  const consultAnswered = alice.answer((p) => String(p['Params']).includes('SwitchboardConsultFor'));
  const warm = await alice.control(server, 'transfer', { callSid: aLeg.callSid, to: 'client:bob', mode: 'warm' });
  expect(warm.status).toBe(200);
  const aConsult = await consultAnswered;
  expect(warm.body).toEqual({ consultCallSid: aConsult.callSid });
  alice.hangup(aLeg); // the SDK drops the old leg when it accepts the consult: the echo line parks
  const bLeg = await bob.answer();
  await eventually(() => hearsOnly(aConsult, ['bob'], ['alice']), 'alice consults bob, no echo of her');
  await eventually(() => hearsOnly(bLeg, ['alice'], ['bob']), 'bob hears alice, not the held echo');
  const parked = (await legsOf(server, aLeg.callSid)).legs as Array<{ party: string; hears: string[] }>;
  expect(parked).toEqual([expect.objectContaining({ party: ECHO, held: true, hears: ['hold-music'] })]);
  expect((await alice.control(server, 'completeTransfer', { callSid: aConsult.callSid })).status).toBe(200);
  await alice.signal.next('hangup', (p) => p['callsid'] === aConsult.callSid);
  await eventually(() => hearsOnly(bLeg, ['bob'], ['alice']), 'bob hears his own echo');
});

test('merge of a held echo call with a call to bob: the echo returns the mix of alice and bob to both', async () => {
  const [alice, bob] = [await phone('alice'), await phone('bob')];
  const aEcho = await echoCall(alice);
  await alice.control(server, 'hold', { callSid: aEcho.callSid, held: true });
  alice.hangup(aEcho); // parks the echo line
  const answered = bob.answer();
  const aBob = await alice.dial('client:bob');
  const bLeg = await answered;
  await eventually(() => hearsOnly(aBob, ['bob'], ['alice']), 'alice talks to bob only');
  const merged = await alice.control(server, 'merge', { heldCallSid: aEcho.callSid, activeCallSid: aBob.callSid });
  expect(merged.status).toBe(200);
  expect(merged.body.conferenceSid).toMatch(/^CF[0-9a-f]{32}$/);
  // Each Device hears the other and, through the echo, itself: the echo hears both.
  await eventually(() => hearsOnly(aBob, ['bob', 'alice'], []) && hearsOnly(bLeg, ['alice', 'bob'], []), 'all three');
  const legs = (await legsOf(server, aBob.callSid)).legs as Array<{ party: string; hears: string[] }>;
  expect(legs.find((l) => l.party === ECHO)?.hears.sort()).toEqual([aBob.callSid, bLeg.callSid].sort());
});

test('a call placed with POST /control/calls can be held and resumed (its echo pauses, then returns)', async () => {
  const alice = await phone('alice');
  const answered = alice.answer();
  const placed = await getJson(server, '/control/calls', {
    method: 'POST',
    body: JSON.stringify({ to: 'client:alice' }),
  });
  expect(placed.status).toBe(201);
  const aLeg = await answered;
  await eventually(() => aLeg.hears('alice') > HEARD, 'the server echoes alice');
  expect((await alice.control(server, 'hold', { callSid: aLeg.callSid, held: true })).body).toEqual({ held: true });
  await eventually(() => aLeg.hears('alice') < NOT_HEARD, 'no echo while held');
  await alice.control(server, 'hold', { callSid: aLeg.callSid, held: false });
  await eventually(() => aLeg.hears('alice') > HEARD, 'echo again');
});

test('the control API ending a held echo call ends alice’s leg and the echo: the line is gone', async () => {
  const alice = await phone('alice');
  const aLeg = await echoCall(alice);
  await alice.control(server, 'hold', { callSid: aLeg.callSid, held: true });
  const peersHeld = openServerPeerCount();
  expect((await getJson(server, `/control/calls/${aLeg.callSid}`, { method: 'DELETE' })).status).toBe(200);
  await alice.signal.next('hangup', (p) => p['callsid'] === aLeg.callSid);
  expect((await getJson(server, `/control/calls/${aLeg.callSid}/legs`)).status).toBe(404);
  await eventually(() => openServerPeerCount() === peersHeld - 1, 'the echo released its server peer');
});
