import type { AudioPort } from '../media/audioPort.js';
import { AudioRouting } from '../media/mixer.js';
import type { ClientLeg } from './callRecords.js';

/**
 * Call control's model (README "Call control"): a *line* is one conversation of an agent (an identity) with one far
 * party, or several once merged. The agent's Device has at most one live SDK leg, so a held line may lose its agent
 * leg (it *parks*: the far party keeps hearing hold music) and gain a new one when the server calls the agent back.
 */

/** One server media endpoint call control can move between lines: a Device leg, or a number's trunk. */
export interface Endpoint {
  /** The Device leg's CallSid (what its SDK Call knows), or the CallSid of the call to a number. */
  readonly sid: string;
  /** `client:NAME` or the number. */
  readonly party: string;
  /** The Device leg, once it answered (a Device being rung has none yet). */
  leg: ClientLeg | null;
  /** Its current server peer, or one face of a diverted one (a reconnect on a new page replaces it). */
  peer: AudioPort;
  /** ringing: being dialled, no audio; early: a number playing early media; answered: in the conversation. */
  state: 'ringing' | 'early' | 'answered' | 'ended';
  /** Ends it from the server side: its Device gets `hangup`/`cancel`, a number its end. Idempotent. */
  hangup(): void;
}

export interface Line {
  /** The CallSid its owner's Device knows the line by (its first leg's); see LineBook.rename. */
  lineSid: string;
  /** The identity controlling it; null for two far parties joined by a transfer to a number. */
  owner: string | null;
  /** The agent's live (or, for a transfer target or consult, ringing) leg; null while parked. */
  agent: Endpoint | null;
  /** A leg the server rings to bring the agent back to a parked line (retrieve). */
  returning: Endpoint | null;
  parties: Endpoint[];
  held: boolean;
  heldAt: number | null;
  /** The line a consult line belongs to (warm transfer). */
  consultFor: string | null;
  conferenceSid: string | null;
  parkedAt: number | null;
  readonly media: AudioRouting;
}

export function newLine(lineSid: string, owner: string | null, agent: Endpoint | null, parties: Endpoint[]): Line {
  return {
    lineSid,
    owner,
    agent,
    returning: null,
    parties,
    held: false,
    heldAt: null,
    consultFor: null,
    conferenceSid: null,
    parkedAt: null,
    media: new AudioRouting(),
  };
}

/** Every endpoint of the line, the agent first. */
export function endpointsOf(line: Line): Endpoint[] {
  return [...(line.agent ? [line.agent] : []), ...(line.returning ? [line.returning] : []), ...line.parties];
}

/** The lines in progress, by lineSid, and which line each endpoint is in. */
export class LineBook {
  private readonly lines = new Map<string, Line>();

  add(line: Line): void {
    this.lines.set(line.lineSid, line);
  }

  remove(line: Line): void {
    this.lines.delete(line.lineSid);
    line.media.close();
  }

  /** The line is known by `lineSid` from now on (a line taken over is named after its new owner's leg). */
  rename(line: Line, lineSid: string): void {
    if (this.lines.get(line.lineSid) === line) this.lines.delete(line.lineSid);
    line.lineSid = lineSid;
    this.lines.set(lineSid, line);
  }

  get(lineSid: string): Line | undefined {
    return this.lines.get(lineSid);
  }

  all(): Line[] {
    return [...this.lines.values()];
  }

  /** The line `sid` names: its lineSid, or the CallSid of any of its endpoints. */
  find(sid: string): Line | undefined {
    return this.lines.get(sid) ?? this.all().find((line) => endpointsOf(line).some((e) => e.sid === sid));
  }

  lineOf(endpoint: Endpoint): Line | undefined {
    return this.all().find((line) => endpointsOf(line).includes(endpoint));
  }
}
