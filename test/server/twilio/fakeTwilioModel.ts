/**
 * The state behind the local stand-in of Twilio's REST API: calls, conferences, participants, and what Twilio does
 * when a call is given TwiML (only the TwiML this project writes: <Dial><Number|Client>, <Dial><Conference>,
 * <Redirect> after <Dial>, <Hangup>). Every call is answered at once unless a test says otherwise.
 */
export interface FakeCall {
  sid: string;
  from: string;
  to: string;
  status: string;
  parentCallSid: string | null;
  /** The child this call's <Dial> is bridged to, while the <Dial> lasts. */
  dialChild?: string;
  /** Whether the TwiML running the <Dial> has a <Redirect> after it. */
  continues?: boolean;
  room?: string;
}

export interface FakeConference {
  sid: string;
  friendlyName: string;
  status: 'in-progress' | 'completed';
}

export interface FakeParticipant {
  callSid: string;
  conferenceSid: string;
  hold: boolean;
  holdUrl?: string;
  endConferenceOnExit: boolean;
  status: string;
}

/** Where a `<Dial>` followed by `<Redirect>` continues: the test hands in the server's own continuation. */
export type Continuation = (parentCallSid: string) => Promise<string>;

const sid = (prefix: string, n: number) => prefix + n.toString(16).padStart(32, '0');

function attribute(tag: string, name: string): string | undefined {
  return new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1];
}

export class FakeTwilioModel {
  readonly calls = new Map<string, FakeCall>();
  readonly conferences = new Map<string, FakeConference>();
  readonly participants: FakeParticipant[] = [];
  /** Continuations still running (tests wait for them to settle). */
  readonly pending = new Set<Promise<void>>();
  private counter = 0;
  /** Called parties that do not answer (their calls stay `ringing`). */
  readonly unanswered = new Set<string>();

  constructor(private readonly continuation: Continuation) {}

  newCall(from: string, to: string, parentCallSid: string | null = null): FakeCall {
    const address = to.split('?')[0] ?? to;
    const status = this.unanswered.has(address) ? 'ringing' : 'in-progress';
    const call: FakeCall = { sid: sid('CA', ++this.counter), from, to, status, parentCallSid };
    this.calls.set(call.sid, call);
    return call;
  }

  liveConference(friendlyName: string): FakeConference | undefined {
    return [...this.conferences.values()].find((c) => c.friendlyName === friendlyName && c.status === 'in-progress');
  }

  participantsOf(conferenceSid: string): FakeParticipant[] {
    return this.participants.filter((p) => p.conferenceSid === conferenceSid);
  }

  /** Twilio runs new TwiML on a live call: whatever it was doing (a <Dial>, a conference) ends first. */
  execute(call: FakeCall, twiml: string): void {
    this.leaveCurrent(call);
    const conference = /<Conference([^>]*)>([^<]+)<\/Conference>/.exec(twiml);
    const dialled = /<Dial[^>]*>\s*<(Number|Client)>([^<]+)<\/\1>/.exec(twiml);
    if (conference)
      this.join(call, conference[2] ?? '', attribute(conference[1] ?? '', 'endConferenceOnExit') === 'true');
    else if (dialled) this.dial(call, dialled[1] === 'Client' ? `client:${dialled[2]}` : (dialled[2] ?? ''), twiml);
    else if (twiml.includes('<Hangup')) this.complete(call);
  }

  join(call: FakeCall, friendlyName: string, endConferenceOnExit: boolean, status = 'connected'): FakeParticipant {
    let conference = this.liveConference(friendlyName);
    if (!conference) {
      conference = { sid: sid('CF', ++this.counter), friendlyName, status: 'in-progress' };
      this.conferences.set(conference.sid, conference);
    }
    call.room = conference.sid;
    const participant = { callSid: call.sid, conferenceSid: conference.sid, hold: false, endConferenceOnExit, status };
    this.participants.push(participant);
    return participant;
  }

  private dial(call: FakeCall, to: string, twiml: string): void {
    const child = this.newCall(call.from, to, call.sid);
    call.dialChild = child.sid;
    call.continues = twiml.includes('<Redirect');
  }

  complete(call: FakeCall): void {
    if (call.status === 'completed') return;
    this.leaveCurrent(call);
    call.status = 'completed';
  }

  endConference(conference: FakeConference): void {
    if (conference.status === 'completed') return;
    conference.status = 'completed';
    // Each participant's TwiML has nothing after its <Dial><Conference>, so each call ends.
    for (const participant of this.participantsOf(conference.sid)) {
      const call = this.calls.get(participant.callSid);
      this.removeParticipant(participant);
      if (call) call.status = 'completed';
    }
  }

  private leaveCurrent(call: FakeCall): void {
    if (call.room) {
      const participant = this.participants.find((p) => p.callSid === call.sid && p.conferenceSid === call.room);
      call.room = undefined;
      if (participant) {
        this.removeParticipant(participant);
        const conference = this.conferences.get(participant.conferenceSid);
        if (participant.endConferenceOnExit && conference) this.endConference(conference);
      }
    }
    if (call.dialChild) {
      // The parent leaves its <Dial>: Twilio hangs up the child.
      const child = this.calls.get(call.dialChild);
      call.dialChild = undefined;
      if (child) this.complete(child);
    }
    const parent = call.parentCallSid ? this.calls.get(call.parentCallSid) : undefined;
    if (parent?.dialChild === call.sid) {
      // The child leaves the <Dial>: the parent's <Dial> ends and its TwiML goes on.
      parent.dialChild = undefined;
      this.dialEnded(parent);
    }
  }

  private removeParticipant(participant: FakeParticipant): void {
    this.participants.splice(this.participants.indexOf(participant), 1);
  }

  private dialEnded(parent: FakeCall): void {
    if (!parent.continues) {
      this.complete(parent);
      return;
    }
    const run = this.continuation(parent.sid).then((twiml) => {
      if (parent.status === 'in-progress') this.execute(parent, twiml);
    });
    const settled = run.finally(() => this.pending.delete(settled));
    this.pending.add(settled);
  }
}
