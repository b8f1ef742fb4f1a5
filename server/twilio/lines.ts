import { CallControlError } from '../callControl/backend.js';
import { twilioStep } from './errors.js';
import { LineRegistry, type LineRecord } from './lineRegistry.js';
import type { TwilioRestClient } from './restClient.js';
import { findRoom, hasLeg, waitForRoom, type RoomParticipant, type RoomState, type RoomTiming } from './roomState.js';
import { isCallSid, joinRoomTwiml, roomName } from './rooms.js';

/** A line as call control sees it: its room on Twilio, our leg in it (absent while parked) and the far parties. */
export interface LiveLine {
  lineSid: string;
  record: LineRecord;
  room: RoomState;
  agent: RoomParticipant | undefined;
  far: RoomParticipant[];
}

interface CallFacts {
  sid: string;
  from: string;
  to: string;
  status: string;
  parentCallSid: string | null;
}

/** `client:alice?Param=…` (a call we placed with custom parameters) is alice's too. */
const address = (party: string) => party.split('?')[0] ?? party;

function ownsCall(call: CallFacts, identity: string): boolean {
  const mine = `client:${identity}`;
  return address(call.from) === mine || address(call.to) === mine;
}

/**
 * Finds the line a caller names, and the first time call control touches a plain bridged call (`<Dial>` from our
 * Voice webhook) moves its two legs into the line's room: the `<Dial>`'s child leg is redirected into the room with
 * new TwiML, its parent's `<Dial>` ends and the `<Redirect>` after it brings the parent in (dialEnded.ts).
 */
export class LineLocator {
  constructor(
    private readonly rest: TwilioRestClient,
    private readonly registry: LineRegistry,
    private readonly timing: RoomTiming,
  ) {}

  async locate(identity: string, lineSid: string): Promise<LiveLine> {
    if (!isCallSid(lineSid)) throw noSuchLine(lineSid);
    const known = this.registry.get(lineSid);
    if (known && known.identity !== identity) throw noSuchLine(lineSid);
    const room = known && (await twilioStep('looking up the line', () => findRoom(this.rest, known.room)));
    if (known && room) return this.view(lineSid, known, room);
    // A line we know whose room is gone has ended, unless it is a call of ours that was never moved (a consult).
    if (known && known.agentLegSid !== lineSid) {
      this.registry.delete(lineSid);
      throw noSuchLine(lineSid);
    }
    const adopted = await this.adopt(identity, lineSid, known);
    return this.view(lineSid, adopted.record, adopted.room);
  }

  view(lineSid: string, record: LineRecord, room: RoomState): LiveLine {
    const agent = room.participants.find((participant) => participant.callSid === record.agentLegSid);
    const far = room.participants.filter((participant) => participant.callSid !== record.agentLegSid);
    return { lineSid, record, room, agent, far };
  }

  /**
   * The line without moving anything: null for a plain bridged call that no action has touched yet (it is ours,
   * `fetch`ed and checked). Used to end a call, which needs no room.
   */
  async peek(identity: string, lineSid: string): Promise<LiveLine | null> {
    if (!isCallSid(lineSid)) throw noSuchLine(lineSid);
    const known = this.registry.get(lineSid);
    if (known && known.identity !== identity) throw noSuchLine(lineSid);
    if (known) {
      const room = await twilioStep('looking up the line', () => findRoom(this.rest, known.room));
      if (room) return this.view(lineSid, known, room);
      if (known.agentLegSid !== lineSid) throw noSuchLine(lineSid);
    }
    const call = await this.ownCall(identity, lineSid);
    const record: LineRecord = { identity, room: roomName(call.parentCallSid ?? call.sid), agentLegSid: call.sid };
    const room = await twilioStep('looking up the line', () => findRoom(this.rest, record.room));
    return room ? this.view(lineSid, record, room) : null;
  }

  private async adopt(
    identity: string,
    lineSid: string,
    known: LineRecord | undefined,
  ): Promise<{ record: LineRecord; room: RoomState }> {
    const call = await this.ownCall(identity, lineSid).catch((error: unknown) => {
      this.registry.delete(lineSid);
      throw error;
    });
    if (call.status === 'queued' || call.status === 'ringing')
      throw new CallControlError('wrong_state', 'the call is not answered yet');
    const root = call.parentCallSid ?? call.sid;
    const record: LineRecord = { ...known, identity, room: roomName(root), agentLegSid: call.sid };
    // The other agent of a client-to-client call may have moved it already; then the room is there.
    const existing = await twilioStep('looking up the line', () => findRoom(this.rest, record.room));
    const room = existing ?? (await this.moveIntoRoom(call, record.room));
    this.registry.set(lineSid, record);
    return { record, room };
  }

  /** The call, if it is this identity's and not over (a call of someone else's is "no such call", not "forbidden"). */
  private async ownCall(identity: string, lineSid: string): Promise<CallFacts> {
    const call = await this.fetchCall(lineSid);
    if (!ownsCall(call, identity)) throw noSuchLine(lineSid);
    if (!['queued', 'ringing', 'in-progress'].includes(call.status)) throw noSuchLine(lineSid);
    return call;
  }

  private async moveIntoRoom(call: CallFacts, room: string): Promise<RoomState> {
    const child = call.parentCallSid ? call.sid : await this.liveChildOf(call.sid);
    if (!child) throw new CallControlError('wrong_state', 'the call is not connected to anyone yet');
    const parent = call.parentCallSid ?? call.sid;
    await twilioStep('moving the call into a conference', () =>
      this.rest.calls(child).update({ twiml: joinRoomTwiml(room, { endConferenceOnExit: true }) }),
    );
    const joined = await twilioStep('moving the call into a conference', () =>
      waitForRoom(this.rest, room, (state) => hasLeg(state, child) && hasLeg(state, parent), this.timing),
    );
    if (!joined) throw new CallControlError('upstream_failed', 'the call did not arrive in its conference in time');
    return joined;
  }

  private async liveChildOf(parentSid: string): Promise<string | undefined> {
    const [child] = await twilioStep('looking up the call', () =>
      this.rest.calls.list({ parentCallSid: parentSid, status: 'in-progress', limit: 1 }),
    );
    return child?.sid;
  }

  private async fetchCall(callSid: string): Promise<CallFacts> {
    const call = await twilioStep('looking up the call', () => this.rest.calls(callSid).fetch());
    return {
      sid: call.sid,
      from: call.from,
      to: call.to,
      status: call.status,
      parentCallSid: call.parentCallSid || null,
    };
  }
}

export function noSuchLine(lineSid: string): CallControlError {
  return new CallControlError('no_active_call', `no open call ${lineSid} of yours`);
}
