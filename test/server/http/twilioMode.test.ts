import { SignJWT } from 'jose';
import twilio from 'twilio';
import type { RunningServer } from '../../../server/index';
import { verifyVoiceToken } from '../../../server/tokens/verify';
import { ScriptedClient, fetchInsecure, getJson, start } from '../support';

// Twilio mode is secure by default: /token needs a bearer, /voice needs Twilio's signature (issue 13).
const env = {
  TWILIO_ACCOUNT_SID: 'AC' + 'a'.repeat(32),
  TWILIO_API_KEY: 'SK' + 'b'.repeat(32),
  TWILIO_API_SECRET: 'real-api-secret',
  TWILIO_TWIML_APP_SID: 'AP' + 'c'.repeat(32),
  TWILIO_CALLER_ID: '+15550001111',
  TWILIO_AUTH_TOKEN: 'd'.repeat(32),
  PUBLIC_URL: 'https://softphone.example.com',
  TOKEN_AUTH_SECRET: 'host-identity-provider-shared-secret',
  TOKEN_AUTH_ISSUER: 'https://idp.example.com/',
  TOKEN_AUTH_AUDIENCE: 'switchboard-softphone',
};

function bearer(subject: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setIssuer(env.TOKEN_AUTH_ISSUER)
    .setAudience(env.TOKEN_AUTH_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(env.TOKEN_AUTH_SECRET));
}

let server: RunningServer;
beforeAll(async () => {
  server = await start({ env });
});
afterAll(() => server.close());

function postVoice(to: string) {
  const params = { To: to, From: 'client:alice' };
  const signature = twilio.getExpectedTwilioSignature(env.TWILIO_AUTH_TOKEN, `${env.PUBLIC_URL}/voice`, params);
  return fetchInsecure(`${server.origin}/voice`, {
    method: 'POST',
    body: new URLSearchParams(params).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
  });
}

test('with all four Twilio variables the server runs in Twilio mode and signs tokens with the API secret', async () => {
  expect(server.mode).toBe('twilio');
  const res = await fetchInsecure(`${server.origin}/token`, {
    headers: { authorization: `Bearer ${await bearer('alice')}` },
  });
  const body = JSON.parse(res.text);
  expect(await verifyVoiceToken(body.token, env.TWILIO_API_SECRET)).toMatchObject({ ok: true, identity: 'alice' });
  const payload = JSON.parse(Buffer.from(body.token.split('.')[1], 'base64url').toString('utf8'));
  expect(payload).toMatchObject({
    iss: env.TWILIO_API_KEY,
    sub: env.TWILIO_ACCOUNT_SID,
    grants: { voice: { incoming: { allow: true }, outgoing: { application_sid: env.TWILIO_TWIML_APP_SID } } },
  });
});

test('client-config leaves the Device on the SDK defaults', async () => {
  expect((await getJson(server, '/client-config')).body).toEqual({
    mode: 'twilio',
    tokenUrl: '/token',
    callControlUrl: '/call-control',
    device: {},
  });
});

test('POST /voice dials clients and numbers', async () => {
  const client = await postVoice('client:bob');
  expect(client.headers.get('content-type')).toContain('text/xml');
  expect(client.text).toContain('<Dial answerOnBridge="true"><Client>bob</Client></Dial>');
  expect((await postVoice('bob')).text).toContain('<Client>bob</Client>');
  // A number the dial policy accepts (a valid US number; +1 555 is no assigned area code).
  expect((await postVoice('+14155557654')).text).toContain(
    '<Dial answerOnBridge="true" callerId="+15550001111"><Number>+14155557654</Number></Dial>',
  );
  expect((await postVoice('not a target')).text).toContain('<Say>');
});

test('the local gateway is not offered in Twilio mode', async () => {
  await expect(ScriptedClient.connect(server)).rejects.toThrow();
});
