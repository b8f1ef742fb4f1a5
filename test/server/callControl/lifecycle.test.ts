/**
 * How lines end: a parked line ends with its owner gone past the reconnect grace, hangup ends a parked line, a consult
 * that is declined leaves the held call parked for retrieve, the control API ending a held call tells both Devices.
 */
import type { RunningServer } from '../../../server/index';
import { getJson, start } from '../support';
import { HEARD, NOT_HEARD, Phone, eventually, legsOf, type Leg } from './rig';

jest.setTimeout(60_000);
const GRACE_MS = 1500;
let server: RunningServer;
const phones: Phone[] = [];

async function phone(identity: string): Promise<Phone> {
  const p = await Phone.register(server, identity);
  phones.push(p);
  return p;
}

async function connect(a: Phone, b: Phone): Promise<[Leg, Leg]> {
  const answering = b.answer();
  const aLeg = await a.dial(`client:${b.identity}`);
  const bLeg = await answering;
  await eventually(() => aLeg.hears(b.identity) > HEARD && bLeg.hears(a.identity) > HEARD, 'both talk');
  return [aLeg, bLeg];
}

async function park(alice: Phone, aLeg: Leg): Promise<void> {
  await alice.control(server, 'hold', { callSid: aLeg.callSid, held: true });
  alice.hangup(aLeg);
}

beforeAll(async () => {
  server = await start({ reconnectGraceMs: GRACE_MS, ringTimeoutMs: 3000 });
});
afterEach(async () => {
  await Promise.all(phones.splice(0).map((p) => p.close()));
  await eventually(async () => (await getJson(server, '/control/calls')).body.calls.length === 0, 'calls released');
});
afterAll(async () => {
  await server.close();
});

test('a parked line ends once its owner has had no signalling socket for longer than the grace', async () => {
  const [alice, bob] = [await phone('alice'), await phone('bob')];
  const [aLeg, bLeg] = await connect(alice, bob);
  await park(alice, aLeg);
  await eventually(() => bLeg.energy() > 300 && bLeg.hears('alice') < NOT_HEARD, 'bob on hold music');
  await alice.signal.close();
  const closedAt = Date.now();
  await bob.signal.next('hangup', (p) => p['callsid'] === bLeg.callSid, GRACE_MS + 4000);
  expect(Date.now() - closedAt).toBeGreaterThanOrEqual(GRACE_MS - 100);
});

test('hangup of a parked line hangs up its far party; the line is gone', async () => {
  const [alice, bob] = [await phone('alice'), await phone('bob')];
  const [aLeg, bLeg] = await connect(alice, bob);
  await park(alice, aLeg);
  expect(await alice.control(server, 'hangup', { callSid: aLeg.callSid })).toEqual({ status: 200, body: {} });
  await bob.signal.next('hangup', (p) => p['callsid'] === bLeg.callSid);
  expect((await alice.control(server, 'retrieve', { callSid: aLeg.callSid })).status).toBe(404);
});

test('a declined consult ends the consult line only: the held call stays parked and can be retrieved', async () => {
  const [alice, bob, carol] = [await phone('alice'), await phone('bob'), await phone('carol')];
  const [aLeg, bLeg] = await connect(alice, bob);
  const consultAnswered = alice.answer((p) => String(p['Params']).includes('SwitchboardConsultFor'));
  const warm = await alice.control(server, 'transfer', { callSid: aLeg.callSid, to: 'client:carol', mode: 'warm' });
  const consult = await consultAnswered;
  alice.hangup(aLeg);
  await eventually(() => consult.energy() > 300, 'alice hears ringback while carol rings');
  const invite = await carol.signal.next('invite');
  carol.signal.send('reject', { callsid: invite.payload['callsid'] });
  await alice.signal.next('hangup', (p) => p['callsid'] === warm.body.consultCallSid);
  expect((await legsOf(server, aLeg.callSid)).legs).toEqual([
    { legSid: bLeg.callSid, party: 'client:bob', held: true, hears: ['hold-music'] },
  ]);
  const back = alice.answer((p) => p['Params'] === `SwitchboardLine=${aLeg.callSid}`);
  await alice.control(server, 'retrieve', { callSid: aLeg.callSid });
  const aBack = await back;
  await eventually(() => aBack.hears('bob') > HEARD && bLeg.hears('alice') > HEARD, 'alice and bob again');
});

test('the control API ending a held call tells both Devices', async () => {
  const [alice, bob] = [await phone('alice'), await phone('bob')];
  const [aLeg, bLeg] = await connect(alice, bob);
  await alice.control(server, 'hold', { callSid: aLeg.callSid, held: true });
  expect((await getJson(server, `/control/calls/${aLeg.callSid}`, { method: 'DELETE' })).status).toBe(200);
  await alice.signal.next('hangup', (p) => p['callsid'] === aLeg.callSid);
  await bob.signal.next('hangup', (p) => p['callsid'] === bLeg.callSid);
  expect((await getJson(server, `/control/calls/${aLeg.callSid}/legs`)).status).toBe(404);
});
