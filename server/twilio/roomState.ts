import type { TwilioRestClient } from './restClient.js';

/** One leg in a room, as Twilio's Participant resource lists it. */
export interface RoomParticipant {
  callSid: string;
  hold: boolean;
  endConferenceOnExit: boolean;
  /** `connected` once in; `queued`/`connecting`/`ringing` while a participant we added is still being called. */
  status: string;
}

export interface RoomState {
  name: string;
  conferenceSid: string;
  participants: RoomParticipant[];
}

export interface RoomTiming {
  /** How long to wait for legs moved into a room to show up as participants. */
  joinTimeoutMs: number;
  /** How often to look meanwhile (Twilio has no long-poll; its status callbacks would need a public webhook). */
  pollIntervalMs: number;
}

export const DEFAULT_ROOM_TIMING: RoomTiming = { joinTimeoutMs: 10_000, pollIntervalMs: 250 };

/** A room is live while its conference is `in-progress`; a completed one with the same name is history. */
export async function findRoom(rest: TwilioRestClient, name: string): Promise<RoomState | null> {
  const [conference] = await rest.conferences.list({ friendlyName: name, status: 'in-progress', limit: 1 });
  if (!conference) return null;
  const participants = await rest.conferences(conference.sid).participants.list({ limit: 250 });
  return {
    name,
    conferenceSid: conference.sid,
    participants: participants.map((participant) => ({
      callSid: participant.callSid,
      hold: participant.hold,
      endConferenceOnExit: participant.endConferenceOnExit,
      status: participant.status,
    })),
  };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Looks at the room until `ready` holds; null when it does not within the join timeout. */
export async function waitForRoom(
  rest: TwilioRestClient,
  name: string,
  ready: (room: RoomState) => boolean,
  timing: RoomTiming,
): Promise<RoomState | null> {
  const deadline = Date.now() + timing.joinTimeoutMs;
  for (;;) {
    const room = await findRoom(rest, name);
    if (room && ready(room)) return room;
    if (Date.now() >= deadline) return null;
    await delay(timing.pollIntervalMs);
  }
}

export function hasLeg(room: RoomState, callSid: string): boolean {
  return room.participants.some((participant) => participant.callSid === callSid);
}
