import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunningServer } from '../../../server/index';
import { fetchInsecure, getJson, start } from '../support';
import { TWILIO_ENV, postVoice } from './twilioFixtures';

let server: RunningServer;
const logged: string[] = [];
let logSpy: jest.SpyInstance;

beforeAll(async () => {
  const staticDir = mkdtempSync(path.join(tmpdir(), 'h13-twilio-static-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>shell</title>');
  writeFileSync(
    path.join(staticDir, 'switchboard-softphone.js'),
    'System.register([], function () { return {}; });\n//# sourceMappingURL=switchboard-softphone.js.map',
  );
  writeFileSync(path.join(staticDir, 'switchboard-softphone.js.map'), '{"version":3,"sources":["secret.ts"]}');
  logSpy = jest.spyOn(console, 'log').mockImplementation((line: unknown) => {
    logged.push(String(line));
  });
  server = await start({ env: { ...TWILIO_ENV }, staticDir, quiet: false });
});
afterAll(async () => {
  await server.close();
  logSpy.mockRestore();
});

const call = (to: string) => ({
  To: to,
  From: 'client:alice',
  CallSid: 'CA' + '9'.repeat(32),
  AccountSid: TWILIO_ENV.TWILIO_ACCOUNT_SID,
});

describe('POST /voice signature', () => {
  test('unsigned → 403, nothing dialled', async () => {
    const res = await postVoice(server, call('+14155557654'), 'none');
    expect(res.status).toBe(403);
    expect(res.text).not.toContain('<Dial');
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: 'invalid_signature' } });
  });

  test('a forged signature → 403', async () => {
    expect((await postVoice(server, call('+14155557654'), 'bm90IGEgc2lnbmF0dXJl')).status).toBe(403);
  });

  test('a signature for other parameters (the number swapped after signing) → 403', async () => {
    const twilio = (await import('twilio')).default;
    const signature = twilio.getExpectedTwilioSignature(
      TWILIO_ENV.TWILIO_AUTH_TOKEN,
      `${TWILIO_ENV.PUBLIC_URL}/voice`,
      call('+14155557654'),
    );
    expect((await postVoice(server, call('+19005551234'), signature)).status).toBe(403);
  });

  test('a signature made with another auth token → 403', async () => {
    const twilio = (await import('twilio')).default;
    const signature = twilio.getExpectedTwilioSignature(
      '0'.repeat(32),
      `${TWILIO_ENV.PUBLIC_URL}/voice`,
      call('client:bob'),
    );
    expect((await postVoice(server, call('client:bob'), signature)).status).toBe(403);
  });

  test('correctly signed for the public URL → TwiML dialling with the configured caller id only', async () => {
    const res = await postVoice(server, { ...call('+14155557654'), CallerId: '+18005550199' }, 'valid');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/xml');
    expect(res.text).toContain(
      `<Dial answerOnBridge="true" callerId="${TWILIO_ENV.TWILIO_CALLER_ID}"><Number>+14155557654</Number></Dial>`,
    );
    expect(res.text).not.toContain('+18005550199');
    expect((await postVoice(server, call('client:bob'), 'valid')).text).toContain(
      '<Dial answerOnBridge="true"><Client>bob</Client></Dial>',
    );
  });
});

describe('dial policy', () => {
  test.each([
    ['premium-rate +1900', '+19005551234', 'premium_rate'],
    ['premium-rate +1976', '+19765551234', 'premium_rate'],
    ['a disallowed country (GB)', '+442071234567', 'country_not_allowed'],
    ['a Caribbean +1 number outside US/CA (JM)', '+18762345678', 'country_not_allowed'],
    ['a short code', '24273', 'short_code'],
    ['a short code with +', '+12345', 'short_code'],
  ])('%s is refused with <Say> and <Hangup>, and logged', async (_name, to, reason) => {
    const res = await postVoice(server, call(to), 'valid');
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/<Response><Say>[^<]+<\/Say><Hangup\/><\/Response>/);
    expect(res.text).not.toContain('<Dial');
    expect(logged.some((line) => line.includes(JSON.stringify(to)) && line.includes(reason))).toBe(true);
  });
});

test('the control API does not exist in Twilio mode', async () => {
  for (const [method, route] of [
    ['GET', '/control/registrations'],
    ['GET', '/control/calls'],
    ['POST', '/control/calls'],
    ['POST', '/control/signalling/stop'],
  ] as const) {
    const res = await getJson(server, route, { method, ...(method === 'POST' && { body: '{"to":"alice"}' }) });
    expect([route, res.status]).toEqual([route, 404]);
  }
  expect(server.gateway.isSignallingEnabled).toBe(true);
});

test('source maps are not served in Twilio mode; the module is', async () => {
  expect((await fetchInsecure(`${server.origin}/switchboard-softphone.js`)).status).toBe(200);
  expect((await fetchInsecure(`${server.origin}/switchboard-softphone.js.map`)).status).toBe(404);
});

test('no line logged carries a token, bearer or signature', () => {
  expect(logged.join('\n')).not.toMatch(/eyJ|x-twilio-signature:/i);
});
