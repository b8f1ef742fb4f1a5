import { HOLD_MUSIC, RINGBACK, type Hearing } from '../media/mixer.js';
import { endpointsOf, type Endpoint, type Line } from './lines.js';

const audible = (e: Endpoint): boolean => e.state === 'early' || e.state === 'answered';

/**
 * Who hears whom on a line. Parties hear each other and the agent while the line is live; a held or parked line's
 * lone party hears hold music (a conference on hold keeps talking among itself); a party whose new agent is still
 * ringing (a blind transfer's target) hears ringback. The agent hears every audible party unless the line is held,
 * and ringback while its only party is being dialled. The agent's microphone reaches nobody while held.
 */
export function hearingOf(line: Line): Hearing {
  const hearing = new Map<string, string[]>();
  const agent = line.agent;
  const agentLive = agent !== null && agent.state === 'answered' && !line.held;
  const live = line.parties.filter(audible);
  for (const party of line.parties) {
    if (party.state !== 'answered') continue;
    const sources = live.filter((p) => p !== party).map((p) => p.sid);
    if (agentLive) sources.push(agent.sid);
    if (sources.length === 0) sources.push(line.held || !agent ? HOLD_MUSIC : RINGBACK);
    hearing.set(party.sid, sources);
  }
  if (agentLive) {
    const sources = live.map((p) => p.sid);
    hearing.set(agent.sid, sources.length > 0 ? sources : line.parties.length > 0 ? [RINGBACK] : []);
  }
  return hearing;
}

/** Re-routes the line's media after any change of its endpoints or hold state. */
export function remix(line: Line): void {
  line.media.apply(
    endpointsOf(line)
      .filter((e) => e.state !== 'ended')
      .map((e) => ({ id: e.sid, peer: e.peer })),
    hearingOf(line),
  );
}

/** One leg of `GET /control/calls/:callSid/legs`. */
export interface LegHearing {
  legSid: string;
  party: string;
  held: boolean;
  hears: string[];
}

export function describeLine(line: Line): LegHearing[] {
  const hearing = hearingOf(line);
  return endpointsOf(line).map((e) => ({
    legSid: e.sid,
    party: e.party,
    held: line.held || (e !== line.agent && line.agent === null),
    hears: [...(hearing.get(e.sid) ?? [])],
  }));
}
