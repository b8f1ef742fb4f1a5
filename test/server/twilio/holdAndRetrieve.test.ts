import { CallControlError } from '../../../server/callControl/backend';
import { HOLD_URL, CALLER_ID, joinTwiml, path, roomOf, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.fake.settle();
  await h.close();
});

const alice = { identity: 'alice' };

async function waitFor(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const conferenceOf = (callSid: string) => h.fake.model.calls.get(callSid)?.room ?? '';

describe('hold and resume (Participant Hold with HoldUrl)', () => {
  test('an outgoing call: the <Dial> child is redirected into a named conference, then held', async () => {
    const { parent, child } = h.placeCall('client:alice', '+14155550100');
    const mark = h.fake.requests.length;
    await expect(h.control.hold(alice, parent.sid, true)).resolves.toEqual({ held: true });
    const cf = conferenceOf(child.sid);
    expect(h.fake.writesSince(mark)).toEqual([
      {
        method: 'POST',
        path: path.call(child.sid),
        form: { Twiml: joinTwiml(`switchboard-${parent.sid}`, true) },
        query: {},
      },
      {
        method: 'POST',
        path: path.participant(cf, child.sid),
        form: { Hold: 'true', HoldUrl: HOLD_URL, HoldMethod: 'GET' },
        query: {},
      },
      { method: 'POST', path: path.participant(cf, parent.sid), form: { EndConferenceOnExit: 'false' }, query: {} },
    ]);
    // The parent followed through the <Redirect> after its <Dial>: both legs are in one room, the far one held.
    expect(roomOf(h, parent.sid)).toEqual({ [child.sid]: true, [parent.sid]: false });
    // The room was looked up by name among live conferences, as Twilio's list filter takes it.
    expect(h.fake.requests).toContainEqual(
      expect.objectContaining({
        method: 'GET',
        path: '/Conferences.json',
        query: expect.objectContaining({ FriendlyName: `switchboard-${parent.sid}`, Status: 'in-progress' }),
      }),
    );

    const resumeMark = h.fake.requests.length;
    await expect(h.control.hold(alice, parent.sid, false)).resolves.toEqual({ held: false });
    expect(h.fake.writesSince(resumeMark).map(({ path: p, form }) => [p, form])).toEqual([
      [path.participant(cf, child.sid), { Hold: 'false' }],
      [path.participant(cf, parent.sid), { EndConferenceOnExit: 'true' }],
    ]);
    expect(roomOf(h, parent.sid)).toEqual({ [child.sid]: false, [parent.sid]: false });
  });

  test('an incoming call: the agent is the <Dial> child; its own leg moves, the caller follows', async () => {
    const { parent, child } = h.placeCall('+14155550100', 'client:alice');
    const mark = h.fake.requests.length;
    await h.control.hold(alice, child.sid, true);
    const cf = conferenceOf(child.sid);
    expect(h.fake.writesSince(mark).map(({ path: p, form }) => [p, form])).toEqual([
      [path.call(child.sid), { Twiml: joinTwiml(`switchboard-${parent.sid}`, true) }],
      [path.participant(cf, parent.sid), { Hold: 'true', HoldUrl: HOLD_URL, HoldMethod: 'GET' }],
      [path.participant(cf, child.sid), { EndConferenceOnExit: 'false' }],
    ]);
    expect(roomOf(h, child.sid)).toEqual({ [child.sid]: false, [parent.sid]: true });
  });

  test('a second hold moves nothing again; both agents of a client call share one room', async () => {
    const { parent, child } = h.placeCall('client:alice', 'client:bob');
    await h.control.hold(alice, parent.sid, true);
    const mark = h.fake.requests.length;
    await h.control.hold({ identity: 'bob' }, child.sid, true);
    expect(h.fake.writesSince(mark).map(({ path: p }) => p)).toEqual([
      path.participant(conferenceOf(child.sid), parent.sid),
      path.participant(conferenceOf(child.sid), child.sid),
    ]);
  });
});

describe('parking and retrieve', () => {
  test('our leg ends while held: the far party stays; retrieve calls us back into the room, then resumes', async () => {
    const { parent, child } = h.placeCall('client:alice', '+14155550100');
    await h.control.hold(alice, parent.sid, true);
    const cf = conferenceOf(child.sid);
    h.fake.model.complete(h.fake.model.calls.get(parent.sid)!); // the softphone's leg goes away
    expect(roomOf(h, child.sid)).toEqual({ [child.sid]: true });

    const mark = h.fake.requests.length;
    const { legCallSid } = await h.control.retrieve(alice, parent.sid);
    expect(h.fake.writesSince(mark)[0]).toEqual({
      method: 'POST',
      path: path.participants(cf),
      form: {
        From: CALLER_ID,
        To: `client:alice?SwitchboardLine=${parent.sid}`,
        Beep: 'false',
        EarlyMedia: 'false',
        StartConferenceOnEnter: 'true',
        EndConferenceOnExit: 'true',
      },
      query: {},
    });
    // Resuming runs after the reply (once the new leg is connected): wait for its two writes.
    await waitFor(() => h.fake.writesSince(mark).length === 3, 'the far party to be resumed');
    expect(roomOf(h, child.sid)).toEqual({ [child.sid]: false, [legCallSid]: false });
    expect(h.fake.writesSince(mark).slice(1)).toEqual([
      { method: 'POST', path: path.participant(cf, child.sid), form: { Hold: 'false' }, query: {} },
      { method: 'POST', path: path.participant(cf, legCallSid), form: { EndConferenceOnExit: 'true' }, query: {} },
    ]);
    // The line keeps its id: holding it again acts on the new leg.
    await h.control.hold(alice, parent.sid, true);
    expect(roomOf(h, child.sid)).toEqual({ [child.sid]: true, [legCallSid]: false });
  });

  test('hold of a parked line is already true; resume and retrieve refuse with wrong_state', async () => {
    const { parent, child } = h.placeCall('client:alice', '+14155550100');
    await h.control.hold(alice, parent.sid, true);
    await expect(h.control.retrieve(alice, parent.sid)).rejects.toMatchObject({ code: 'wrong_state' });
    h.fake.model.complete(h.fake.model.calls.get(parent.sid)!);
    await expect(h.control.hold(alice, parent.sid, true)).resolves.toEqual({ held: true });
    await expect(h.control.hold(alice, parent.sid, false)).rejects.toMatchObject({ code: 'wrong_state' });
    expect(roomOf(h, child.sid)).toEqual({ [child.sid]: true });
  });

  test('hangup of a parked line completes its conference: the held party is hung up too', async () => {
    const { parent, child } = h.placeCall('client:alice', '+14155550100');
    await h.control.hold(alice, parent.sid, true);
    const cf = conferenceOf(child.sid);
    h.fake.model.complete(h.fake.model.calls.get(parent.sid)!);
    const mark = h.fake.requests.length;
    await h.control.hangup(alice, parent.sid);
    expect(h.fake.writesSince(mark).map(({ path: p, form }) => [p, form])).toEqual([
      [path.conference(cf), { Status: 'completed' }],
    ]);
    expect(h.fake.model.calls.get(child.sid)?.status).toBe('completed');
    await expect(h.control.retrieve(alice, parent.sid)).rejects.toMatchObject({ code: 'no_active_call' });
  });

  test('hangup of a call no action touched ends that call (Calls update Status=completed)', async () => {
    const { parent } = h.placeCall('client:alice', '+14155550100');
    const mark = h.fake.requests.length;
    await h.control.hangup(alice, parent.sid);
    expect(h.fake.writesSince(mark).map(({ path: p, form }) => [p, form])).toEqual([
      [path.call(parent.sid), { Status: 'completed' }],
    ]);
  });
});

describe('lines (what the softphone polls while a call is held or parked)', () => {
  test('lists the caller’s held and parked lines from Twilio, and drops one whose far party hung up', async () => {
    await expect(h.control.lines(alice)).resolves.toEqual({ lines: [] });
    expect(h.fake.requests).toEqual([]);
    const { parent, child } = h.placeCall('client:alice', '+14155550100');
    await h.control.hold(alice, parent.sid, true);
    await expect(h.control.lines(alice)).resolves.toEqual({
      lines: [{ lineSid: parent.sid, held: true, parked: false }],
    });
    await expect(h.control.lines({ identity: 'bob' })).resolves.toEqual({ lines: [] });
    h.fake.model.complete(h.fake.model.calls.get(parent.sid)!); // the softphone's leg goes away: parked
    await expect(h.control.lines(alice)).resolves.toEqual({
      lines: [{ lineSid: parent.sid, held: true, parked: true }],
    });
    // Only reads: the conference by name and its participants, then the Call once the room is gone.
    const mark = h.fake.requests.length;
    h.fake.model.complete(h.fake.model.calls.get(child.sid)!); // the held party hangs up
    await expect(h.control.lines(alice)).resolves.toEqual({ lines: [] });
    expect(h.fake.writesSince(mark)).toEqual([]);
    expect(h.fake.requests.slice(mark).map((r) => [r.method, r.path])).toEqual([
      ['GET', '/Conferences.json'],
      ['GET', path.call(parent.sid)],
    ]);
    // Forgotten: the next answer asks Twilio nothing.
    const after = h.fake.requests.length;
    await expect(h.control.lines(alice)).resolves.toEqual({ lines: [] });
    expect(h.fake.requests.length).toBe(after);
  });

  test('a Twilio failure fails the answer (a softphone must not take “could not look” for “ended”)', async () => {
    const { parent } = h.placeCall('client:alice', '+14155550100');
    await h.control.hold(alice, parent.sid, true);
    h.fake.failNext('GET', /^\/Conferences\.json$/, 500, 20500);
    await expect(h.control.lines(alice)).rejects.toMatchObject({ code: 'upstream_failed' });
    await expect(h.control.lines(alice)).resolves.toEqual({
      lines: [{ lineSid: parent.sid, held: true, parked: false }],
    });
  });
});

test('a line parked longer than the limit ends: its conference is completed, the held party hung up', async () => {
  await h.close();
  h = await startHarness({ parkedLineTtlMs: 40, parkCheckMs: 10 });
  const { parent, child } = h.placeCall('client:alice', '+14155550100');
  await h.control.hold(alice, parent.sid, true);
  const cf = conferenceOf(child.sid);
  // Held with our leg still there: not parked, so the line lives on however long it is held.
  await new Promise((resolve) => setTimeout(resolve, 120));
  expect(h.fake.model.calls.get(child.sid)?.status).toBe('in-progress');
  h.fake.model.complete(h.fake.model.calls.get(parent.sid)!);
  await waitFor(() => h.fake.model.calls.get(child.sid)?.status === 'completed', 'the parked line to end');
  expect(h.fake.requests).toContainEqual({
    method: 'POST',
    path: path.conference(cf),
    form: { Status: 'completed' },
    query: {},
  });
  expect(h.logged).toContainEqual(expect.stringContaining('parked for too long'));
});

describe('typed refusals', () => {
  test('Twilio answers 404 for the call → no_active_call', async () => {
    const unknown = 'CA' + 'e'.repeat(32);
    const error = await h.control.hold(alice, unknown, true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallControlError);
    expect(error).toMatchObject({ code: 'no_active_call' });
    expect(h.fake.requests).toEqual([expect.objectContaining({ method: 'GET', path: path.call(unknown) })]);
  });

  test('a callSid that is no CallSid never reaches a Twilio URL → no_active_call', async () => {
    for (const bad of ['../Conferences', 'CA123', `CA${'a'.repeat(32)}/../x`]) {
      await expect(h.control.hold(alice, bad, true)).rejects.toMatchObject({ code: 'no_active_call' });
      await expect(h.control.hangup(alice, bad)).rejects.toMatchObject({ code: 'no_active_call' });
    }
    expect(h.fake.requests).toEqual([]);
  });

  test("someone else's call → no_active_call, and nothing is changed", async () => {
    const { parent } = h.placeCall('client:bob', '+14155550100');
    const mark = h.fake.requests.length;
    await expect(h.control.hold(alice, parent.sid, true)).rejects.toMatchObject({ code: 'no_active_call' });
    await expect(h.control.hangup(alice, parent.sid)).rejects.toMatchObject({ code: 'no_active_call' });
    expect(h.fake.writesSince(mark)).toEqual([]);
  });

  test('a call still ringing → wrong_state', async () => {
    const { parent } = h.placeCall('client:alice', '+14155550100');
    h.fake.model.calls.get(parent.sid)!.status = 'ringing';
    await expect(h.control.hold(alice, parent.sid, true)).rejects.toMatchObject({ code: 'wrong_state' });
  });

  test('Twilio answers 400 to the participant update → upstream_failed', async () => {
    const { parent } = h.placeCall('client:alice', '+14155550100');
    h.fake.failNext('POST', /\/Participants\/CA[0-9a-f]+\.json$/, 400, 20001);
    const error = await h.control.hold(alice, parent.sid, true).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'CallControlError', code: 'upstream_failed' });
    expect(String((error as Error).message)).toContain('400');
  });

  test('Twilio answers 404 to the redirect (the call ended meanwhile) → no_active_call', async () => {
    const { parent, child } = h.placeCall('client:alice', '+14155550100');
    h.fake.failNext('POST', new RegExp(`/Calls/${child.sid}\\.json$`), 404, 20404);
    await expect(h.control.hold(alice, parent.sid, true)).rejects.toMatchObject({ code: 'no_active_call' });
  });
});
