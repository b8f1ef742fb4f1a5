import { randomBytes } from 'node:crypto';
import type { TokenCredentials } from './tokens/access-token.js';

/** Real Twilio credentials; all four must be present to switch the server to Twilio mode. */
export interface TwilioCredentials extends TokenCredentials {
  callerId: string | undefined;
}

export type ServerMode = { kind: 'local'; credentials: TokenCredentials } | { kind: 'twilio'; credentials: TwilioCredentials };

/** Fixed-format fake SIDs for local tokens (they only need Twilio's shape). */
const LOCAL_ACCOUNT_SID = 'AC' + '0'.repeat(32);
const LOCAL_API_KEY_SID = 'SK' + '0'.repeat(32);
const LOCAL_APP_SID = 'AP' + '0'.repeat(32);

export function twilioCredentialsFromEnv(env: NodeJS.ProcessEnv): TwilioCredentials | null {
  const { TWILIO_ACCOUNT_SID, TWILIO_API_KEY, TWILIO_API_SECRET, TWILIO_TWIML_APP_SID, TWILIO_CALLER_ID } = env;
  if (!TWILIO_ACCOUNT_SID || !TWILIO_API_KEY || !TWILIO_API_SECRET || !TWILIO_TWIML_APP_SID) return null;
  return {
    accountSid: TWILIO_ACCOUNT_SID,
    apiKeySid: TWILIO_API_KEY,
    apiKeySecret: TWILIO_API_SECRET,
    outgoingApplicationSid: TWILIO_TWIML_APP_SID,
    callerId: TWILIO_CALLER_ID || undefined,
  };
}

export function resolveMode(twilio: TwilioCredentials | null, signingSecret: string | undefined): ServerMode {
  if (twilio) return { kind: 'twilio', credentials: twilio };
  return {
    kind: 'local',
    credentials: {
      accountSid: LOCAL_ACCOUNT_SID,
      apiKeySid: LOCAL_API_KEY_SID,
      apiKeySecret: signingSecret || randomBytes(32).toString('hex'),
      outgoingApplicationSid: LOCAL_APP_SID,
    },
  };
}
