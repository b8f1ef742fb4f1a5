import twilio from 'twilio';

/**
 * The URL Twilio signed: the public one (PUBLIC_URL, e.g. a proxy's), never what this server sees behind it.
 * PUBLIC_URL may carry a path prefix the proxy strips; the request's own path and query follow it.
 */
export function signedUrl(publicUrl: URL, requestUrl: string): string {
  return publicUrl.href.replace(/\/+$/, '') + requestUrl;
}

/** Checks `X-Twilio-Signature` (HMAC-SHA1 of the URL and sorted POST parameters with the Auth Token). */
export function isSignedByTwilio(
  authToken: string,
  signature: string | string[] | undefined,
  url: string,
  params: Record<string, string>,
): boolean {
  if (typeof signature !== 'string' || signature.length === 0) return false;
  return twilio.validateRequest(authToken, signature, url, params);
}
