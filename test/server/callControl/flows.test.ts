/**
 * Call control in local mode, heard through werift phones that each send their own pitch: hold (hold music, our
 * microphone not forwarded), parking and retrieve, blind and warm transfer (to a Device and to a number), merge.
 */
import type { RunningServer } from '../../../server/index';
import { openServerPeerCount } from '../../../server/media/serverPeer';
import { getJson, start } from '../support';
import { HEARD, NOT_HEARD, Phone, eventually, legsOf, type Leg } from './rig';

jest.setTimeout(60_000);
let server: RunningServer;
const phones: Phone[] = [];

async function phone(identity: string, pcmu = true): Promise<Phone> {
  const p = await Phone.register(server, identity, pcmu);
  phones.push(p);
  return p;
}

/** a calls b; both answered and talking. */
async function connect(a: Phone, b: Phone): Promise<[Leg, Leg]> {
  const answering = b.answer();
  const aLeg = await a.dial(`client:${b.identity}`);
  const bLeg = await answering;
  await eventually(() => aLeg.hears(b.identity) > HEARD && bLeg.hears(a.identity) > HEARD, 'both talk');
  return [aLeg, bLeg];
}

const holdMusicOnly = (leg: Leg, ...talkers: string[]) =>
  leg.energy() > 300 && talkers.every((t) => leg.hears(t) < NOT_HEARD);

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

test('hold: bob hears hold music and not alice; alice hears nothing of bob; resume: both talk again', async () => {
  const [alice, bob] = [await phone('alice'), await phone('bob')];
  const [aLeg, bLeg] = await connect(alice, bob);
  expect(await alice.control(server, 'hold', { callSid: aLeg.callSid, held: true })).toEqual({
    status: 200,
    body: { held: true },
  });
  await eventually(() => holdMusicOnly(bLeg, 'alice'), 'bob hears hold music only');
  await eventually(() => aLeg.hears('bob') < NOT_HEARD, 'alice no longer hears bob');
  const legs = await legsOf(server, aLeg.callSid);
  expect(legs.legs).toEqual([
    { legSid: aLeg.callSid, party: 'client:alice', held: true, hears: [] },
    { legSid: bLeg.callSid, party: 'client:bob', held: true, hears: ['hold-music'] },
  ]);
  await alice.control(server, 'hold', { callSid: aLeg.callSid, held: false });
  await eventually(() => aLeg.hears('bob') > HEARD && bLeg.hears('alice') > HEARD, 'both talk again');
  expect((await legsOf(server, bLeg.callSid)).legs.map((l: { hears: string[] }) => l.hears)).toEqual([
    [bLeg.callSid],
    [aLeg.callSid],
  ]);
});

test('call waiting: the held line parks when alice takes carol, and retrieve brings bob back', async () => {
  const [alice, bob, carol] = [await phone('alice'), await phone('bob'), await phone('carol')];
  const [aLeg, bLeg] = await connect(alice, bob);
  await alice.control(server, 'hold', { callSid: aLeg.callSid, held: true });
  const carolAnswered = alice.answer();
  const cLeg = await carol.dial('client:alice');
  const aCarol = await carolAnswered;
  alice.hangup(aLeg); // what the SDK does to the old call when it accepts another
  await eventually(() => aCarol.hears('carol') > HEARD && cLeg.hears('alice') > HEARD, 'alice talks to carol');
  await eventually(() => holdMusicOnly(bLeg, 'alice', 'carol'), 'bob parked on hold music');
  expect(bob.signal.frames.some((f) => f.type === 'hangup')).toBe(false);

  await alice.control(server, 'hold', { callSid: aCarol.callSid, held: true });
  const back = alice.answer((p) => p['Params'] === `SwitchboardLine=${aLeg.callSid}`);
  const retrieved = await alice.control(server, 'retrieve', { callSid: aLeg.callSid });
  expect(retrieved.status).toBe(200);
  const aBack = await back;
  expect(retrieved.body).toEqual({ legCallSid: aBack.callSid });
  alice.hangup(aCarol);
  await eventually(() => aBack.hears('bob') > HEARD && bLeg.hears('alice') > HEARD, 'alice and bob again');
  await eventually(() => holdMusicOnly(cLeg, 'alice', 'bob'), 'carol parked');
  await alice.control(server, 'hangup', { callSid: aCarol.callSid });
  await carol.signal.next('hangup', (p) => p['callsid'] === cLeg.callSid);
});

test('blind transfer to a Device: bob and carol talk, alice’s leg is ended by the server', async () => {
  const [alice, bob, carol] = [await phone('alice'), await phone('bob'), await phone('carol')];
  const [aLeg, bLeg] = await connect(alice, bob);
  const carolAnswers = carol.answer();
  expect(await alice.control(server, 'transfer', { callSid: aLeg.callSid, to: 'client:carol', mode: 'blind' })).toEqual(
    { status: 200, body: {} },
  );
  await alice.signal.next('hangup', (p) => p['callsid'] === aLeg.callSid);
  const cLeg = await carolAnswers;
  await eventually(() => cLeg.hears('bob') > HEARD && bLeg.hears('carol') > HEARD, 'bob and carol talk');
  // What bob heard of alice before the transfer leaves his recent window; nothing new of her arrives.
  await eventually(() => bLeg.hears('alice') < NOT_HEARD, 'bob no longer hears alice');
  // The line is carol's now: she may hold it.
  expect((await carol.control(server, 'hold', { callSid: cLeg.callSid, held: true })).body).toEqual({ held: true });
  await eventually(() => holdMusicOnly(bLeg, 'carol'), 'bob on hold by carol');
});

test('blind transfer to a number: bob talks to the echo number (he hears himself)', async () => {
  const [alice, bob] = [await phone('alice'), await phone('bob')];
  const [aLeg, bLeg] = await connect(alice, bob);
  await alice.control(server, 'transfer', { callSid: aLeg.callSid, to: '+14155550100', mode: 'blind' });
  await alice.signal.next('hangup', (p) => p['callsid'] === aLeg.callSid);
  await eventually(() => bLeg.hears('bob') > HEARD && bLeg.hears('alice') < NOT_HEARD, 'bob hears his own echo');
  bob.hangup(bLeg);
});

test('blind transfer to the IVR: bob’s keypad reaches it over RTP (9 hangs up)', async () => {
  const [alice, bob] = [await phone('alice'), await phone('bob')];
  const [aLeg, bLeg] = await connect(alice, bob);
  await alice.control(server, 'transfer', { callSid: aLeg.callSid, to: '+14155550101', mode: 'blind' });
  await alice.signal.next('hangup', (p) => p['callsid'] === aLeg.callSid);
  await eventually(() => bLeg.energy() > 300 && bLeg.hears('alice') < NOT_HEARD, 'bob hears the IVR prompt');
  await bLeg.media.sendDigit('9');
  await bob.signal.next('hangup', (p) => p['callsid'] === bLeg.callSid, 10_000);
});

test('warm transfer: consult carol while bob is held, then complete: bob and carol talk, alice leaves', async () => {
  const [alice, bob, carol] = [await phone('alice'), await phone('bob'), await phone('carol')];
  const [aLeg, bLeg] = await connect(alice, bob);
  const consultAnswered = alice.answer((p) => p['Params'] === undefined || String(p['Params']).includes('Consult'));
  const warm = await alice.control(server, 'transfer', { callSid: aLeg.callSid, to: 'client:carol', mode: 'warm' });
  expect(warm.status).toBe(200);
  const aConsult = await consultAnswered;
  expect(warm.body).toEqual({ consultCallSid: aConsult.callSid });
  alice.hangup(aLeg);
  await eventually(() => holdMusicOnly(bLeg, 'alice'), 'bob on hold music');
  const early = await completeTooSoon(alice, aConsult);
  expect(early).toEqual([409, 'wrong_state']);
  const cLeg = await carol.answer();
  await eventually(() => aConsult.hears('carol') > HEARD && cLeg.hears('alice') > HEARD, 'alice consults carol');
  expect(cLeg.hears('bob')).toBeLessThan(NOT_HEARD);
  expect(await alice.control(server, 'completeTransfer', { callSid: aConsult.callSid })).toEqual({
    status: 200,
    body: {},
  });
  await alice.signal.next('hangup', (p) => p['callsid'] === aConsult.callSid);
  await eventually(() => bLeg.hears('carol') > HEARD && cLeg.hears('bob') > HEARD, 'bob and carol talk');
});

async function completeTooSoon(alice: Phone, consult: Leg): Promise<[number, string]> {
  const res = await alice.control(server, 'completeTransfer', { callSid: consult.callSid });
  return [res.status, res.body.error?.code];
}

test.each([
  ['PCMU', true],
  ['Opus', false],
])('merge (%s legs): alice, bob and carol each hear the other two', async (_codec, pcmu) => {
  const [alice, bob, carol] = [await phone('alice', pcmu), await phone('bob', pcmu), await phone('carol', pcmu)];
  const [aBob, bLeg] = await connect(alice, bob);
  await alice.control(server, 'hold', { callSid: aBob.callSid, held: true });
  const carolAnswered = alice.answer();
  const cLeg = await carol.dial('client:alice');
  const aCarol = await carolAnswered;
  alice.hangup(aBob);
  await eventually(() => aCarol.hears('carol') > HEARD, 'alice talks to carol');
  const merged = await alice.control(server, 'merge', { heldCallSid: aBob.callSid, activeCallSid: aCarol.callSid });
  expect(merged.status).toBe(200);
  expect(merged.body.conferenceSid).toMatch(/^CF[0-9a-f]{32}$/);
  await eventually(
    () =>
      aCarol.hears('bob') > HEARD &&
      aCarol.hears('carol') > HEARD &&
      bLeg.hears('alice') > HEARD &&
      bLeg.hears('carol') > HEARD &&
      cLeg.hears('alice') > HEARD &&
      cLeg.hears('bob') > HEARD,
    'everyone hears the other two',
  );
  // Nobody hears themselves.
  expect([aCarol.hears('alice'), bLeg.hears('bob'), cLeg.hears('carol')].every((p) => p < NOT_HEARD)).toBe(true);
  const legs = (await legsOf(server, bLeg.callSid)).legs as Array<{ legSid: string; hears: string[] }>;
  expect(legs.map((l) => [l.legSid, [...l.hears].sort()])).toEqual(
    [
      [aCarol.callSid, [bLeg.callSid, cLeg.callSid].sort()],
      [cLeg.callSid, [aCarol.callSid, bLeg.callSid].sort()],
      [bLeg.callSid, [aCarol.callSid, cLeg.callSid].sort()],
    ].sort((x, y) => (x[0] === aCarol.callSid ? -1 : y[0] === aCarol.callSid ? 1 : 0)),
  );
  bob.hangup(bLeg);
  await eventually(() => aCarol.hears('bob') < NOT_HEARD && cLeg.hears('alice') > HEARD, 'bob left, the rest talk');
});
