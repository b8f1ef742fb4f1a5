/** Fake Twilio-mode configuration and the credentials a caller would hold: nothing here reaches the internet. */
import { SignJWT, type JWTPayload } from 'jose';
import twilio from 'twilio';
import type { RunningServer } from '../../../server/index';
import { fetchInsecure } from '../support';

export const TWILIO_ENV = {
  TWILIO_ACCOUNT_SID: 'AC' + '1'.repeat(32),
  TWILIO_API_KEY: 'SK' + '2'.repeat(32),
  TWILIO_API_SECRET: 'fake-api-secret-for-tests',
  TWILIO_TWIML_APP_SID: 'AP' + '3'.repeat(32),
  TWILIO_CALLER_ID: '+14155550000',
  TWILIO_AUTH_TOKEN: 'f'.repeat(32),
  PUBLIC_URL: 'https://softphone.example.com',
  TOKEN_AUTH_SECRET: 'the-host-backend-shares-this-secret-with-us',
  TOKEN_AUTH_ISSUER: 'https://login.example.com/',
  TOKEN_AUTH_AUDIENCE: 'switchboard',
} as const;

export interface BearerOptions {
  secret?: string;
  issuer?: string;
  audience?: string;
  alg?: 'HS256' | 'HS384' | 'HS512';
  expiresIn?: string | number;
  claims?: JWTPayload;
}

/** A JWT as the host's identity provider would issue it for `subject`. */
export function bearerFor(subject: string, opts: BearerOptions = {}): Promise<string> {
  return new SignJWT(opts.claims ?? {})
    .setProtectedHeader({ alg: opts.alg ?? 'HS256' })
    .setSubject(subject)
    .setIssuer(opts.issuer ?? TWILIO_ENV.TOKEN_AUTH_ISSUER)
    .setAudience(opts.audience ?? TWILIO_ENV.TOKEN_AUTH_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(opts.expiresIn ?? '5m')
    .sign(new TextEncoder().encode(opts.secret ?? TWILIO_ENV.TOKEN_AUTH_SECRET));
}

export function decodePayload(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** POSTs Twilio's Voice webhook form; `signature: 'valid'` computes it with the twilio library as Twilio would. */
export function postVoice(
  server: RunningServer,
  params: Record<string, string>,
  signature: 'valid' | 'none' | string,
  path = '/voice',
) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (signature === 'valid')
    headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(
      TWILIO_ENV.TWILIO_AUTH_TOKEN,
      `${TWILIO_ENV.PUBLIC_URL}${path}`,
      params,
    );
  else if (signature !== 'none') headers['x-twilio-signature'] = signature;
  return fetchInsecure(`${server.origin}${path}`, {
    method: 'POST',
    body: new URLSearchParams(params).toString(),
    headers,
  });
}
