import twilio from 'twilio';

/** Credentials used to sign Voice access tokens (local mode uses fake SIDs and a random secret). */
export interface TokenCredentials {
  accountSid: string;
  apiKeySid: string;
  apiKeySecret: string;
  outgoingApplicationSid: string;
}

export const MIN_TTL_SECONDS = 5;
export const MAX_TTL_SECONDS = 86_400;

export function clampTtl(ttl: number): number {
  if (!Number.isFinite(ttl)) return MAX_TTL_SECONDS;
  return Math.min(MAX_TTL_SECONDS, Math.max(MIN_TTL_SECONDS, Math.round(ttl)));
}

/** Issues a Twilio Voice access token (the same JWT the real Twilio accepts). */
export function issueVoiceToken(credentials: TokenCredentials, identity: string, ttlSeconds: number): string {
  const { AccessToken } = twilio.jwt;
  const token = new AccessToken(credentials.accountSid, credentials.apiKeySid, credentials.apiKeySecret, {
    identity,
    ttl: clampTtl(ttlSeconds),
  });
  token.addGrant(
    new AccessToken.VoiceGrant({ incomingAllow: true, outgoingApplicationSid: credentials.outgoingApplicationSid }),
  );
  return token.toJwt('HS256');
}
