import twilio from 'twilio';
import type { TokenCredentials } from '../tokens/accessToken.js';

/** The `twilio` library's REST client (Calls, Conferences, Participants under `api.v2010.account`). */
export type TwilioRestClient = twilio.Twilio;

export interface TwilioRestOptions {
  /**
   * Where the REST API lives; Twilio's own `https://api.twilio.com` unless set. Tests point it at a local stand-in of
   * the API; a deployment could point it at an egress proxy.
   */
  apiBaseUrl?: string;
  /** Per-request timeout (the library's default is 30 s, too long for a button an agent is waiting on). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * A REST client that authenticates with the same API key the access tokens are signed with (the account SID names
 * the account; an API key is what Twilio recommends for server-side REST calls).
 */
export function createTwilioRestClient(
  credentials: TokenCredentials,
  options: TwilioRestOptions = {},
): TwilioRestClient {
  const client = twilio(credentials.apiKeySid, credentials.apiKeySecret, {
    accountSid: credentials.accountSid,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  // The library's domains keep their base URL in a public field; every Api request is built from it.
  if (options.apiBaseUrl) client.api.baseUrl = options.apiBaseUrl;
  return client;
}
