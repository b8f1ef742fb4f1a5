import twilio from 'twilio';

const E164 = /^\+[1-9]\d{1,14}$/;
const IDENTITY = /^[A-Za-z0-9_.@+-]{1,121}$/;

/** TwiML for Twilio's Voice webhook: `client:NAME`/NAME → <Dial><Client>, E.164 → <Dial callerId><Number>. */
export function voiceTwiml(to: string | undefined, callerId: string | undefined): string {
  const response = new twilio.twiml.VoiceResponse();
  const target = (to ?? '').trim();
  if (E164.test(target)) {
    const dial = response.dial(callerId ? { callerId } : {});
    dial.number(target);
  } else {
    const name = target.startsWith('client:') ? target.slice('client:'.length) : target;
    if (IDENTITY.test(name)) response.dial().client(name);
    else response.say('The number you dialled is not valid.');
  }
  return response.toString();
}
