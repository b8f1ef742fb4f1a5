import type { FastifyRequest } from 'fastify';
import type { ServerConfig, TwilioCredentials } from '../config.js';
import { decideDial } from '../security/dialPolicy.js';
import { isSignedByTwilio, signedUrl } from '../security/webhookSignature.js';
import { dialEndedTwiml } from '../twilio/dialEnded.js';
import { createTwilioRestClient } from '../twilio/restClient.js';
import { DIAL_ENDED_PATH } from '../twilio/rooms.js';
import { HttpError, MAX_BODY_BYTES } from './errors.js';
import { routeMethods } from './methods.js';
import { voiceTwiml } from './twiml.js';
import type { App, AppContext } from './types.js';

type FormBody = Record<string, string>;

/** Twilio posts its webhook parameters as a form; repeated keys do not occur in Voice webhooks. */
function parseForm(body: string): FormBody {
  return Object.fromEntries(new URLSearchParams(body));
}

function webhookSecrets(config: ServerConfig, credentials: TwilioCredentials): { authToken: string; publicUrl: URL } {
  // Config validation refuses Twilio mode without both; this only narrows the types.
  if (!config.publicUrl || !credentials.authToken)
    throw new Error('Twilio mode without PUBLIC_URL or TWILIO_AUTH_TOKEN');
  return { authToken: credentials.authToken, publicUrl: config.publicUrl };
}

/** The webhook's form parameters, if Twilio signed them for this URL under PUBLIC_URL; 403 otherwise. */
function verifiedForm(
  request: FastifyRequest,
  authToken: string,
  publicUrl: URL,
  log: (line: string) => void,
): FormBody {
  const params = (request.body ?? {}) as FormBody;
  const url = signedUrl(publicUrl, request.url);
  if (!isSignedByTwilio(authToken, request.headers['x-twilio-signature'], url, params)) {
    log(`voice: refused a webhook request without a valid X-Twilio-Signature from ${request.ip}`);
    throw new HttpError(403, 'invalid_signature', 'X-Twilio-Signature does not match this request');
  }
  return params;
}

/**
 * `POST /voice`, the TwiML app's Voice URL (Twilio mode): refuses anything Twilio did not sign (403), then answers
 * `To` with the dial policy's decision. Refusals are logged with the caller; tokens and signatures never are.
 * `POST /voice/dial-ended` is where each of those `<Dial>`s continues (call control, see server/twilio/dialEnded.ts).
 */
export function registerVoiceWebhook(app: App, ctx: AppContext): void {
  const { config } = ctx;
  if (config.mode.kind !== 'twilio') return;
  const { credentials } = config.mode;
  const { authToken, publicUrl } = webhookSecrets(config, credentials);
  const rest = createTwilioRestClient(credentials);
  const afterDialUrl = signedUrl(publicUrl, DIAL_ENDED_PATH);
  const verify = (request: FastifyRequest): FormBody => verifiedForm(request, authToken, publicUrl, ctx.log);

  app.register(async (scope: App) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: MAX_BODY_BYTES },
      (_request, body, done) => {
        done(null, parseForm(String(body)));
      },
    );
    routeMethods(scope, '/voice', {
      POST: (request, reply) => {
        const params = verify(request);
        const decision = decideDial(params['To'], config.dialPolicy, credentials.callerId);
        if (decision.kind === 'refused') {
          ctx.log(
            `voice: refused dialling ${JSON.stringify(params['To'] ?? '')} from ${params['From'] ?? 'unknown'}: ${decision.reason} (${decision.detail})`,
          );
        }
        const twiml = voiceTwiml(decision, credentials.callerId, afterDialUrl);
        return reply.code(200).type('text/xml; charset=utf-8').send(twiml);
      },
    });
    routeMethods(scope, DIAL_ENDED_PATH, {
      POST: async (request, reply) => {
        const params = verify(request);
        const twiml = await dialEndedTwiml(rest, params['CallSid'], ctx.log);
        return reply.code(200).type('text/xml; charset=utf-8').send(twiml);
      },
    });
  });
}
