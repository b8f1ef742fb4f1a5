import { voiceTwiml } from '../../../server/http/twiml';
import { AFTER_DIAL_URL, CALLER_ID, HOLD_URL, joinTwiml, path, roomOf, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.fake.settle();
  await h.close();
});

const alice = { identity: 'alice' };
const call = (sid: string) => h.fake.model.calls.get(sid)!;
const conferenceOf = (callSid: string) => call(callSid).room ?? '';
const writes = (mark: number) => h.fake.writesSince(mark).map(({ path: p, form }) => [p, form]);
const dialClient = (identity: string) => voiceTwiml({ kind: 'client', identity }, CALLER_ID, AFTER_DIAL_URL);
const dialNumber = (number: string) => voiceTwiml({ kind: 'number', number, country: 'US' }, CALLER_ID, AFTER_DIAL_URL);

describe('blind transfer (Calls update with new TwiML)', () => {
  test("the far party's call dials the target with our <Dial>; our leg is completed", async () => {
    const { parent, child } = h.placeCall('client:alice', '+14155550100');
    const mark = h.fake.requests.length;
    await expect(h.control.blindTransfer(alice, parent.sid, 'client:carol')).resolves.toBeUndefined();
    expect(writes(mark)).toEqual([
      [path.call(child.sid), { Twiml: joinTwiml(`switchboard-${parent.sid}`, true) }],
      [path.call(child.sid), { Twiml: dialClient('carol') }],
      [path.call(parent.sid), { Status: 'completed' }],
    ]);
    expect(dialClient('carol')).toContain(
      `<Dial answerOnBridge="true"><Client>carol</Client></Dial><Redirect method="POST">${AFTER_DIAL_URL}</Redirect>`,
    );
    const carol = call(call(child.sid).dialChild ?? '');
    expect([carol.to, carol.status, call(parent.sid).status]).toEqual(['client:carol', 'in-progress', 'completed']);
    await expect(h.control.hold(alice, parent.sid, true)).rejects.toMatchObject({ code: 'no_active_call' });
  });

  test('a number target is dialled with the configured caller id', async () => {
    const { parent, child } = h.placeCall('+14155550100', 'client:alice');
    const mark = h.fake.requests.length;
    await h.control.blindTransfer(alice, child.sid, '+14155550123');
    expect(writes(mark)[1]).toEqual([path.call(parent.sid), { Twiml: dialNumber('+14155550123') }]);
    expect(dialNumber('+14155550123')).toContain(`<Dial answerOnBridge="true" callerId="${CALLER_ID}">`);
  });

  test.each([
    ['not a number', 'call me maybe', 'invalid_number'],
    ['premium rate', '+19005551234', 'forbidden_number'],
    ['a country outside the policy', '+442071234567', 'forbidden_number'],
  ])('%s (%s) → %s, and nothing is sent to Twilio', async (_name, to, code) => {
    const { parent } = h.placeCall('client:alice', '+14155550100');
    const mark = h.fake.requests.length;
    await expect(h.control.blindTransfer(alice, parent.sid, to)).rejects.toMatchObject({ code });
    await expect(h.control.warmTransfer(alice, parent.sid, to)).rejects.toMatchObject({ code });
    expect(h.fake.requests.length).toBe(mark);
  });

  test('Twilio refuses the number (400, code 21211) → invalid_number', async () => {
    const { parent, child } = h.placeCall('client:alice', '+14155550100');
    await h.control.hold(alice, parent.sid, false);
    h.fake.failNext('POST', new RegExp(`/Calls/${child.sid}\\.json$`), 400, 21211);
    await expect(h.control.blindTransfer(alice, parent.sid, '+14155550123')).rejects.toMatchObject({
      code: 'invalid_number',
    });
  });
});

describe('warm transfer and completeTransfer', () => {
  test('consult: line held, Twilio calls us with the consult parameters and dials the target; complete joins them', async () => {
    const { parent, child } = h.placeCall('client:alice', '+14155550100');
    const mark = h.fake.requests.length;
    const { consultCallSid } = await h.control.warmTransfer(alice, parent.sid, '+14155550199');
    const cf = conferenceOf(child.sid);
    expect(writes(mark)).toEqual([
      [path.call(child.sid), { Twiml: joinTwiml(`switchboard-${parent.sid}`, true) }],
      [path.participant(cf, child.sid), { Hold: 'true', HoldUrl: HOLD_URL, HoldMethod: 'GET' }],
      [path.participant(cf, parent.sid), { EndConferenceOnExit: 'false' }],
      [
        '/Calls.json',
        {
          From: CALLER_ID,
          To: `client:alice?SwitchboardConsultFor=${parent.sid}&SwitchboardConsultTo=%2B14155550199`,
          Twiml: dialNumber('+14155550199'),
        },
      ],
    ]);
    const target = call(consultCallSid).dialChild ?? '';
    expect(call(target).to).toBe('+14155550199');
    // Accepting the consult call drops our old leg: the line parks, the far party keeps its hold music.
    h.fake.model.complete(call(parent.sid));
    expect(roomOf(h, child.sid)).toEqual({ [child.sid]: true });

    const completeMark = h.fake.requests.length;
    await expect(h.control.completeTransfer(alice, consultCallSid)).resolves.toBeUndefined();
    expect(writes(completeMark)).toEqual([
      [path.call(target), { Twiml: joinTwiml(`switchboard-${consultCallSid}`, true) }],
      [path.call(target), { Twiml: joinTwiml(`switchboard-${parent.sid}`, true) }],
      [path.participant(cf, child.sid), { Hold: 'false' }],
      [path.call(consultCallSid), { Status: 'completed' }],
    ]);
    expect(roomOf(h, child.sid)).toEqual({ [child.sid]: false, [target]: false });
    expect(call(consultCallSid).status).toBe('completed');
    await expect(h.control.completeTransfer(alice, consultCallSid)).rejects.toMatchObject({ code: 'no_active_call' });
  });

  test('completeTransfer of a call that is no consult → no_active_call / wrong_state', async () => {
    const { parent } = h.placeCall('client:alice', '+14155550100');
    await expect(h.control.completeTransfer(alice, parent.sid)).rejects.toMatchObject({ code: 'no_active_call' });
    await h.control.hold(alice, parent.sid, true);
    await expect(h.control.completeTransfer(alice, parent.sid)).rejects.toMatchObject({ code: 'wrong_state' });
    const { consultCallSid } = await h.control.warmTransfer(alice, parent.sid, 'client:carol');
    await expect(h.control.completeTransfer({ identity: 'bob' }, consultCallSid)).rejects.toMatchObject({
      code: 'no_active_call',
    });
  });

  test('the held party hung up before completion → no_active_call', async () => {
    const { parent, child } = h.placeCall('client:alice', '+14155550100');
    const { consultCallSid } = await h.control.warmTransfer(alice, parent.sid, 'client:carol');
    h.fake.model.complete(call(parent.sid));
    h.fake.model.complete(call(child.sid));
    await expect(h.control.completeTransfer(alice, consultCallSid)).rejects.toMatchObject({ code: 'no_active_call' });
  });
});

describe('merge (participants moved into one conference)', () => {
  test("the held line's far party joins the active line's room; each hears the other two", async () => {
    const first = h.placeCall('client:alice', '+14155550100');
    await h.control.hold(alice, first.parent.sid, true);
    h.fake.model.complete(call(first.parent.sid)); // call waiting: accepting the second call drops this leg
    const second = h.placeCall('+14155550111', 'client:alice');
    const mark = h.fake.requests.length;
    const { conferenceSid } = await h.control.merge(alice, first.parent.sid, second.child.sid);
    expect(conferenceSid).toBe(conferenceOf(second.child.sid));
    expect(writes(mark)).toEqual([
      [path.call(second.child.sid), { Twiml: joinTwiml(`switchboard-${second.parent.sid}`, true) }],
      [path.call(first.child.sid), { Twiml: joinTwiml(`switchboard-${second.parent.sid}`, false) }],
      [path.participant(conferenceSid, second.parent.sid), { Hold: 'false', EndConferenceOnExit: 'false' }],
      [path.participant(conferenceSid, second.child.sid), { EndConferenceOnExit: 'true' }],
    ]);
    expect(roomOf(h, second.child.sid)).toEqual({
      [second.parent.sid]: false,
      [second.child.sid]: false,
      [first.child.sid]: false,
    });
    // One far party leaving keeps the other two talking; our leaving ends the room.
    h.fake.model.complete(call(first.child.sid));
    expect(Object.keys(roomOf(h, second.child.sid) ?? {})).toHaveLength(2);
    h.fake.model.complete(call(second.child.sid));
    expect(call(second.parent.sid).status).toBe('completed');
  });

  test('merge with one call → wrong_state; a line folded into a merge is gone → no_active_call', async () => {
    const { parent } = h.placeCall('client:alice', '+14155550100');
    await expect(h.control.merge(alice, parent.sid, parent.sid)).rejects.toMatchObject({ code: 'wrong_state' });
    const other = h.placeCall('client:alice', '+14155550111');
    await h.control.merge(alice, parent.sid, other.parent.sid);
    const third = h.placeCall('client:alice', '+14155550122');
    await expect(h.control.merge(alice, parent.sid, third.parent.sid)).rejects.toMatchObject({
      code: 'no_active_call',
    });
  });
});
