/**
 * POST /call-control/:action (README "Call control"): every status of the seam, answered before anything changes.
 */
import type { RunningServer } from '../../../server/index';
import { fetchInsecure, start } from '../support';
import { Phone, eventually, voiceToken } from './rig';

const SHELL = 'https://shell.example.com';
let server: RunningServer;
const phones: Phone[] = [];

async function post(action: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetchInsecure(`${server.origin}/call-control/${action}`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
  return { status: res.status, body: res.text ? JSON.parse(res.text) : null, headers: res.headers };
}

const as = (identity: string) => ({ authorization: `Bearer ${voiceToken(identity)}` });
const UNKNOWN = 'CA' + '0'.repeat(32);

beforeAll(async () => {
  server = await start({ env: { CORS_ORIGINS: SHELL } });
});
afterEach(async () => {
  await Promise.all(phones.splice(0).map((p) => p.close()));
});
afterAll(async () => {
  await server.close();
});

test('401 unauthorized without a bearer, with a token of another key, or with a malformed one', async () => {
  const missing = await post('hold', { callSid: UNKNOWN, held: true });
  expect(missing.status).toBe(401);
  expect(missing.body.error.code).toBe('unauthorized');
  expect(missing.headers.get('www-authenticate')).toContain('Bearer');
  // The signature's first character: the last one of a base64url HS256 signature carries padding bits, so changing it
  // may leave the signature's bytes (and its validity) as they were.
  const forged = voiceToken('alice').replace(/\.([^.])([^.]*)$/, (_m, first: string, rest: string) =>
    first === 'A' ? `.B${rest}` : `.A${rest}`,
  );
  expect((await post('hold', { callSid: UNKNOWN, held: true }, { authorization: `Bearer ${forged}` })).status).toBe(
    401,
  );
  expect((await post('hold', { callSid: UNKNOWN, held: true }, { authorization: 'Bearer nope' })).status).toBe(401);
});

test('400 invalid_command for bad bodies and unknown actions; invalid_number for a bad transfer target', async () => {
  for (const [action, body] of [
    ['hold', { callSid: UNKNOWN }],
    ['hold', { callSid: 'CA123', held: true }],
    ['hold', { callSid: UNKNOWN, held: 'yes' }],
    ['transfer', { callSid: UNKNOWN, to: '+14155550100', mode: 'sideways' }],
    ['merge', { heldCallSid: UNKNOWN }],
    ['hangup', { callSid: UNKNOWN, extra: 1 }],
    ['explode', { callSid: UNKNOWN }],
  ] as const) {
    const res = await post(action, body, as('alice'));
    expect([action, res.status, res.body.error.code]).toEqual([action, 400, 'invalid_command']);
  }
  const bad = await post('transfer', { callSid: UNKNOWN, to: 'not a number', mode: 'blind' }, as('alice'));
  expect([bad.status, bad.body.error.code]).toEqual([400, 'invalid_number']);
});

test('404 no_active_call for a call that is not the caller’s; 409 wrong_state; 403 forbidden_number; 502', async () => {
  const alice = await Phone.register(server, 'alice');
  const bob = await Phone.register(server, 'bob');
  phones.push(alice, bob);
  const answering = bob.answer();
  const aliceLeg = await alice.dial('client:bob');
  const bobLeg = await answering;

  expect((await post('hold', { callSid: UNKNOWN, held: true }, as('alice'))).body.error.code).toBe('no_active_call');
  // carol cannot touch alice's call
  const stranger = await post('hold', { callSid: aliceLeg.callSid, held: true }, as('carol'));
  expect([stranger.status, stranger.body.error.code]).toEqual([404, 'no_active_call']);
  const oneCall = await post('merge', { heldCallSid: aliceLeg.callSid, activeCallSid: aliceLeg.callSid }, as('alice'));
  expect([oneCall.status, oneCall.body.error.code]).toEqual([409, 'wrong_state']);
  const notParked = await post('retrieve', { callSid: aliceLeg.callSid }, as('alice'));
  expect([notParked.status, notParked.body.error.code]).toEqual([409, 'wrong_state']);
  // alice acted first: the line is hers, bob's side of it cannot be held any more
  const otherSide = await post('hold', { callSid: bobLeg.callSid, held: true }, as('bob'));
  expect([otherSide.status, otherSide.body.error.code]).toEqual([409, 'wrong_state']);
  const offPlan = await post('transfer', { callSid: aliceLeg.callSid, to: '+14155550199', mode: 'blind' }, as('alice'));
  expect([offPlan.status, offPlan.body.error.code]).toEqual([403, 'forbidden_number']);
  const nobody = await post('transfer', { callSid: aliceLeg.callSid, to: 'client:nobody', mode: 'blind' }, as('alice'));
  expect([nobody.status, nobody.body.error.code]).toEqual([502, 'upstream_failed']);
  // None of the refusals changed the call: both still hear each other.
  await eventually(() => bobLeg.hears('alice') > 0.02 && aliceLeg.hears('bob') > 0.02, 'alice and bob talk');
  const held = await post('hold', { callSid: aliceLeg.callSid, held: true }, as('alice'));
  expect([held.status, held.body]).toEqual([200, { held: true }]);
});

test('429 rate_limited once an identity sent its quota in a minute; other identities are unaffected', async () => {
  let status = 0;
  let sent = 0;
  while (status !== 429 && sent < 200) {
    status = (await post('hangup', { callSid: UNKNOWN }, as('flood'))).status;
    sent++;
  }
  expect(status).toBe(429);
  expect(sent).toBe(121);
  const limited = await post('hangup', { callSid: UNKNOWN }, as('flood'));
  expect(limited.body.error.code).toBe('rate_limited');
  expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  expect((await post('hangup', { callSid: UNKNOWN }, as('calm'))).status).toBe(404);
});

test('CORS: an allowed shell may POST with a bearer (preflight), a stranger gets no CORS headers', async () => {
  const preflight = await fetchInsecure(`${server.origin}/call-control/hold`, {
    method: 'OPTIONS',
    headers: {
      origin: SHELL,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });
  expect(preflight.headers.get('access-control-allow-origin')).toBe(SHELL);
  expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  const stranger = await post('hangup', { callSid: UNKNOWN }, { ...as('alice'), origin: 'https://evil.example.com' });
  expect(stranger.headers.get('access-control-allow-origin')).toBeUndefined();
  const allowed = await post('hangup', { callSid: UNKNOWN }, { ...as('alice'), origin: SHELL });
  expect(allowed.headers.get('access-control-allow-origin')).toBe(SHELL);
});

test('a call a Device placed to a number directly can be held (200): the echo stops returning alice', async () => {
  const alice = await Phone.register(server, 'alice');
  phones.push(alice);
  const leg = await alice.dial('+14155550100');
  await eventually(() => leg.hears('alice') > 0.02, 'the echo answers alice');
  const res = await post('hold', { callSid: leg.callSid, held: true }, as('alice'));
  expect([res.status, res.body]).toEqual([200, { held: true }]);
  await eventually(() => leg.hears('alice') < 0.005, 'no echo while held');
});

test('lines: the caller’s open lines (held, parked); one whose far party hung up while parked is gone', async () => {
  // Identities of its own: lines parked by earlier tests of this file stay parked (10 minutes) by design.
  const alice = await Phone.register(server, 'dora');
  const bob = await Phone.register(server, 'erin');
  phones.push(alice, bob);
  expect(await post('lines', {}, as('dora'))).toMatchObject({ status: 200, body: { lines: [] } });
  const bad = await post('lines', { callSid: UNKNOWN }, as('dora'));
  expect([bad.status, bad.body.error.code]).toEqual([400, 'invalid_command']);
  expect((await post('lines', {})).status).toBe(401);

  const answering = bob.answer();
  const aliceLeg = await alice.dial('client:erin');
  const bobLeg = await answering;
  await post('hold', { callSid: aliceLeg.callSid, held: true }, as('dora'));
  expect((await post('lines', {}, as('dora'))).body).toEqual({
    lines: [{ lineSid: aliceLeg.callSid, held: true, parked: false }],
  });
  // The line is alice's: bob (and anyone else) sees none of it.
  expect((await post('lines', {}, as('erin'))).body).toEqual({ lines: [] });

  alice.hangup(aliceLeg);
  await eventually(
    async () => (await post('lines', {}, as('dora'))).body.lines[0]?.parked === true,
    'alice’s line parks when her leg goes',
  );
  expect((await post('lines', {}, as('dora'))).body).toEqual({
    lines: [{ lineSid: aliceLeg.callSid, held: true, parked: true }],
  });
  bob.hangup(bobLeg);
  await eventually(async () => (await post('lines', {}, as('dora'))).body.lines.length === 0, 'the line ends');
});

test('lines: a line two parties share after a transfer to a number is listed under the leg of whoever takes it', async () => {
  const alice = await Phone.register(server, 'alice');
  const bob = await Phone.register(server, 'bob');
  phones.push(alice, bob);
  const answering = bob.answer();
  const aliceLeg = await alice.dial('client:bob');
  const bobLeg = await answering;
  const moved = await post('transfer', { callSid: aliceLeg.callSid, to: '+14155550100', mode: 'blind' }, as('alice'));
  expect(moved.status).toBe(200);
  expect((await post('lines', {}, as('bob'))).body).toEqual({ lines: [] });
  // bob acts first: the line becomes his, known by the CallSid his Device has.
  expect((await post('hold', { callSid: bobLeg.callSid, held: true }, as('bob'))).status).toBe(200);
  expect((await post('lines', {}, as('bob'))).body).toEqual({
    lines: [{ lineSid: bobLeg.callSid, held: true, parked: false }],
  });
  expect((await post('hold', { callSid: bobLeg.callSid, held: false }, as('bob'))).body).toEqual({ held: false });
  await eventually(() => bobLeg.hears('bob') > 0.02, 'the echo answers bob again');
});
