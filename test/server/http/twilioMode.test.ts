import type { RunningServer } from '../../../server/index';
import { verifyVoiceToken } from '../../../server/tokens/verify';
import { ScriptedClient, fetchInsecure, getJson, start } from '../support';

const env = {
  TWILIO_ACCOUNT_SID: 'AC' + 'a'.repeat(32),
  TWILIO_API_KEY: 'SK' + 'b'.repeat(32),
  TWILIO_API_SECRET: 'real-api-secret',
  TWILIO_TWIML_APP_SID: 'AP' + 'c'.repeat(32),
  TWILIO_CALLER_ID: '+15550001111',
};

let server: RunningServer;
beforeAll(async () => {
  server = await start({ env });
});
afterAll(() => server.close());

function postVoice(to: string) {
  return fetchInsecure(`${server.origin}/voice`, {
    method: 'POST',
    body: new URLSearchParams({ To: to, From: 'client:alice' }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

test('with all four Twilio variables the server runs in Twilio mode and signs tokens with the API secret', async () => {
  expect(server.mode).toBe('twilio');
  const { body } = await getJson(server, '/token?identity=alice');
  expect(await verifyVoiceToken(body.token, env.TWILIO_API_SECRET)).toMatchObject({ ok: true, identity: 'alice' });
  const payload = JSON.parse(Buffer.from(body.token.split('.')[1], 'base64url').toString('utf8'));
  expect(payload).toMatchObject({ iss: env.TWILIO_API_KEY, sub: env.TWILIO_ACCOUNT_SID, grants: { voice: { incoming: { allow: true }, outgoing: { application_sid: env.TWILIO_TWIML_APP_SID } } } });
});

test('client-config leaves the Device on the SDK defaults', async () => {
  expect((await getJson(server, '/client-config')).body).toEqual({ mode: 'twilio', tokenUrl: '/token', device: {} });
});

test('POST /voice dials clients and numbers', async () => {
  const client = await postVoice('client:bob');
  expect(client.headers.get('content-type')).toContain('text/xml');
  expect(client.text).toContain('<Dial><Client>bob</Client></Dial>');
  expect((await postVoice('bob')).text).toContain('<Client>bob</Client>');
  expect((await postVoice('+15557654321')).text).toContain('<Dial callerId="+15550001111"><Number>+15557654321</Number></Dial>');
  expect((await postVoice('not a target')).text).toContain('<Say>');
});

test('the local gateway is not offered in Twilio mode', async () => {
  await expect(ScriptedClient.connect(server)).rejects.toThrow();
});
