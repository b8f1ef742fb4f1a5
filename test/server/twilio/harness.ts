/** Wires the Twilio-mode call-control backend to the local REST stand-in, and places calls as /voice would. */
import type { TwilioCredentials } from '../../../server/config';
import { voiceTwiml } from '../../../server/http/twiml';
import { decideDial } from '../../../server/security/dialPolicy';
import { dialEndedTwiml } from '../../../server/twilio/dialEnded';
import { createTwilioRestClient, type TwilioRestClient } from '../../../server/twilio/restClient';
import { createTwilioCallControl, type TwilioCallControl } from '../../../server/twilio/twilioCallControl';
import { ACCOUNT_SID, FakeTwilio } from './fakeTwilio';
import type { FakeCall } from './fakeTwilioModel';

export const PUBLIC_URL = 'https://softphone.example.com';
export const AFTER_DIAL_URL = `${PUBLIC_URL}/voice/dial-ended`;
export const HOLD_URL = 'https://twimlets.com/holdmusic?Bucket=com.twilio.music.classical';
export const CALLER_ID = '+14155550000';
export const DIAL_POLICY = { allowedCountries: ['US', 'CA'] as const, blockedPrefixes: ['+1900', '+1976'] };

export const CREDENTIALS: TwilioCredentials = {
  accountSid: ACCOUNT_SID,
  apiKeySid: 'SK' + '2'.repeat(32),
  apiKeySecret: 'fake-api-secret-for-tests',
  outgoingApplicationSid: 'AP' + '3'.repeat(32),
  callerId: CALLER_ID,
  authToken: 'f'.repeat(32),
};

export interface Harness {
  fake: FakeTwilio;
  rest: TwilioRestClient;
  control: TwilioCallControl;
  logged: string[];
  /** A call that reached our Voice webhook: the parent leg runs its TwiML, which dials `to` (answered at once). */
  placeCall(from: string, to: string): { parent: FakeCall; child: FakeCall };
  close(): Promise<void>;
}

export async function startHarness(timing: { parkedLineTtlMs?: number; parkCheckMs?: number } = {}): Promise<Harness> {
  const logged: string[] = [];
  const log = (line: string) => logged.push(line);
  // The stand-in needs the continuation before it has a port, the REST client needs the port: bound late.
  const late: { rest?: TwilioRestClient } = {};
  const fake = await FakeTwilio.start((sid) => {
    if (!late.rest) throw new Error('no REST client yet');
    return dialEndedTwiml(late.rest, sid, log);
  });
  const rest = createTwilioRestClient(CREDENTIALS, { apiBaseUrl: fake.baseUrl });
  late.rest = rest;
  const control = createTwilioCallControl(CREDENTIALS, {
    publicUrl: new URL(PUBLIC_URL),
    dialPolicy: DIAL_POLICY,
    rest,
    timing: { joinTimeoutMs: 2000, pollIntervalMs: 5, ...timing },
    log,
  });
  const placeCall = (from: string, to: string) => {
    const parent = fake.model.newCall(from, to);
    fake.model.execute(parent, voiceTwiml(decideDial(to, DIAL_POLICY, CALLER_ID), CALLER_ID, AFTER_DIAL_URL));
    const child = fake.model.calls.get(parent.dialChild ?? '');
    if (!child) throw new Error(`the webhook TwiML for ${to} dialled nobody`);
    return { parent, child };
  };
  const close = async () => {
    control.close();
    await fake.close();
  };
  return { fake, rest, control, logged, placeCall, close };
}

/** The participants of `callSid`'s room, as `{ callSid: hold }` (the room's who-is-held picture). */
export function roomOf(harness: Harness, callSid: string): Record<string, boolean> | undefined {
  const call = harness.fake.model.calls.get(callSid);
  if (!call?.room) return undefined;
  return Object.fromEntries(
    harness.fake.model.participantsOf(call.room).map((participant) => [participant.callSid, participant.hold]),
  );
}

export const path = {
  call: (sid: string) => `/Calls/${sid}.json`,
  participant: (conferenceSid: string, callSid: string) => `/Conferences/${conferenceSid}/Participants/${callSid}.json`,
  participants: (conferenceSid: string) => `/Conferences/${conferenceSid}/Participants.json`,
  conference: (conferenceSid: string) => `/Conferences/${conferenceSid}.json`,
};

/** `<Response><Dial><Conference …>NAME</Conference></Dial></Response>` as joinRoomTwiml writes it. */
export function joinTwiml(room: string, endConferenceOnExit: boolean): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?><Response><Dial><Conference beep="false" startConferenceOnEnter="true" ' +
    `endConferenceOnExit="${endConferenceOnExit}" waitUrl="">${room}</Conference></Dial></Response>`
  );
}
