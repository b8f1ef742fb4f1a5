import type { RunningServer } from '../../../server/index';
import { dialEndedTwiml } from '../../../server/twilio/dialEnded';
import { fetchInsecure, start } from '../support';
import { TWILIO_ENV, postVoice } from '../http/twilioFixtures';
import { AFTER_DIAL_URL, joinTwiml, startHarness, type Harness } from './harness';

const HANGUP = '<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>';

describe('the continuation after <Dial> (dialEndedTwiml against the REST stand-in)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.fake.settle();
    await h.close();
  });

  test('a child still in progress (call control redirected it) → the parent joins the same room', async () => {
    const { parent, child } = h.placeCall('client:alice', '+14155550100');
    const mark = h.fake.requests.length;
    await expect(dialEndedTwiml(h.rest, parent.sid, () => undefined)).resolves.toBe(
      joinTwiml(`switchboard-${parent.sid}`, true),
    );
    expect(h.fake.requests.slice(mark)).toEqual([
      {
        method: 'GET',
        path: '/Calls.json',
        form: {},
        query: { ParentCallSid: parent.sid, Status: 'in-progress', PageSize: '1' },
      },
    ]);
    expect(child.status).toBe('in-progress');
  });

  test('the other party hung up → the parent hangs up, as a plain <Dial> would end', async () => {
    const { parent, child } = h.placeCall('client:alice', '+14155550100');
    h.fake.model.complete(child);
    await h.fake.settle();
    expect(h.fake.model.calls.get(parent.sid)?.status).toBe('completed');
    await expect(dialEndedTwiml(h.rest, parent.sid, () => undefined)).resolves.toBe(HANGUP);
  });

  test('no CallSid → hang up without asking Twilio; Twilio failing → hang up and log', async () => {
    await expect(dialEndedTwiml(h.rest, 'not-a-sid', () => undefined)).resolves.toBe(HANGUP);
    expect(h.fake.requests).toEqual([]);
    const logged: string[] = [];
    h.fake.failNext('GET', /\/Calls\.json$/, 500, 20500);
    await expect(dialEndedTwiml(h.rest, 'CA' + 'a'.repeat(32), (line) => logged.push(line))).resolves.toBe(HANGUP);
    expect(logged).toEqual([expect.stringContaining('CA' + 'a'.repeat(32))]);
  });
});

describe('the webhooks in Twilio mode', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await start({ env: { ...TWILIO_ENV } });
  });
  afterAll(() => server.close());

  const call = { To: 'client:bob', From: 'client:alice', CallSid: 'CA' + '9'.repeat(32) };

  test('POST /voice keeps <Dial answerOnBridge> and continues at /voice/dial-ended under PUBLIC_URL', async () => {
    const res = await postVoice(server, call, 'valid');
    expect(res.text).toContain(
      '<Dial answerOnBridge="true"><Client>bob</Client></Dial>' +
        `<Redirect method="POST">${TWILIO_ENV.PUBLIC_URL}/voice/dial-ended</Redirect>`,
    );
    expect(AFTER_DIAL_URL).toBe(`${TWILIO_ENV.PUBLIC_URL}/voice/dial-ended`);
  });

  test('POST /voice/dial-ended refuses a request Twilio did not sign (403) and answers a signed one', async () => {
    const unsigned = await postVoice(server, call, 'none', '/voice/dial-ended');
    expect(unsigned.status).toBe(403);
    expect(JSON.parse(unsigned.text)).toMatchObject({ error: { code: 'invalid_signature' } });
    // Signed, but without a CallSid there is nothing to look up: the leg hangs up (no request leaves the server).
    const signed = await postVoice(server, { ...call, CallSid: 'nope' }, 'valid', '/voice/dial-ended');
    expect([signed.status, signed.text]).toEqual([200, HANGUP]);
    expect(signed.headers.get('content-type')).toContain('text/xml');
  });

  test('GET /voice/dial-ended → 405 (Twilio POSTs it)', async () => {
    const res = await fetchInsecure(`${server.origin}/voice/dial-ended`);
    expect(res.status).toBe(405);
  });
});
