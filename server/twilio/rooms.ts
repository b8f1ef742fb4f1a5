import twilio from 'twilio';

/**
 * A *room* is the named Twilio Conference a line's legs meet in once call control touches the line. Its name comes
 * from the CallSid that executed our Voice webhook (the parent of the `<Dial>`), so both agents of a client-to-client
 * call, and every server copy, find the same room without sharing state.
 */
export const ROOM_PREFIX = 'switchboard-';

export function roomName(rootCallSid: string): string {
  return `${ROOM_PREFIX}${rootCallSid}`;
}

/** Where a `<Dial>` of ours continues when it ends (see server/twilio/dialEnded.ts). */
export const DIAL_ENDED_PATH = '/voice/dial-ended';

/**
 * Twilio's standard hold music, the default `waitUrl` of `<Conference>` (a TwiML document of `<Play>`s). Used as the
 * participant `holdUrl` unless the deployment gives its own.
 */
export const TWILIO_HOLD_MUSIC_URL = 'https://twimlets.com/holdmusic?Bucket=com.twilio.music.classical';

const CALL_SID = /^CA[0-9a-fA-F]{32}$/;

export function isCallSid(value: unknown): value is string {
  return typeof value === 'string' && CALL_SID.test(value);
}

export interface RoomSeat {
  /**
   * Whether this leg leaving ends the room (and with it every other leg). True for the two legs of a plain line, so
   * a hang-up ends it as a bridged `<Dial>` would; the agent's leg is set to false while the line is held, so the
   * held party stays parked when our leg goes away.
   */
  endConferenceOnExit: boolean;
}

/** TwiML that puts the call executing it into `room`: no beep, no wait music, the room starts when it enters. */
export function joinRoomTwiml(room: string, seat: RoomSeat): string {
  const response = new twilio.twiml.VoiceResponse();
  response.dial().conference(
    {
      beep: 'false',
      startConferenceOnEnter: true,
      endConferenceOnExit: seat.endConferenceOnExit,
      waitUrl: '',
    },
    room,
  );
  return response.toString();
}

export function hangupTwiml(): string {
  const response = new twilio.twiml.VoiceResponse();
  response.hangup();
  return response.toString();
}
