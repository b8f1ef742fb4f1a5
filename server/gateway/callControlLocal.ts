import { parseDialTarget } from '../../src/contract/dialTarget.js';
import {
  CallControlError,
  type CallControlBackend,
  type CallControlCaller,
  type OpenLine,
} from '../callControl/backend.js';
import { makeSid } from './sids.js';
import { remix } from './conferenceMix.js';
import type { CallRegistry } from './callRegistry.js';
import type { CallEnding } from './callEnding.js';
import type { LineEndpoints } from './lineEndpoints.js';
import type { LineLifecycle } from './lineLifecycle.js';
import { newLine, type Endpoint, type Line, type LineBook } from './lines.js';
import { codecOf, type DialRequest, type PartyDialer } from './partyDialer.js';

type Target = { kind: 'client'; identity: string; to: string } | { kind: 'number'; number: string; to: string };

const noCall = (sid: string) => new CallControlError('no_active_call', `No call ${sid} of yours is in progress`);
const wrongState = (message: string) => new CallControlError('wrong_state', message);

function targetOf(to: string): Target {
  const parsed = parseDialTarget(to);
  if (!parsed.ok) throw new CallControlError('invalid_number', parsed.reason);
  const target = parsed.target;
  return target.kind === 'client'
    ? { kind: 'client', identity: target.identity, to: target.to }
    : { kind: 'number', number: target.e164, to: target.to };
}

const answered = (e: Endpoint): boolean => e.state === 'answered';

/**
 * Call control in local mode (README "Call control"): the gateway's own lines. Hold re-routes the line's audio
 * (conferenceMix.ts); a parked line is retrieved, a consult placed and a transfer target rung by legs the server
 * dials (partyDialer.ts); transfer and merge move endpoints between lines.
 */
export class LocalCallControl implements CallControlBackend {
  constructor(
    private readonly registry: CallRegistry,
    private readonly ending: CallEnding,
    private readonly book: LineBook,
    private readonly endpoints: LineEndpoints,
    private readonly lifecycle: LineLifecycle,
    private readonly dialer: PartyDialer,
  ) {}

  async hold(caller: CallControlCaller, callSid: string, held: boolean): Promise<{ held: boolean }> {
    const line = this.lineFor(caller.identity, callSid);
    if (!line.agent) {
      if (held) return { held: true };
      throw wrongState('The call is parked: retrieve it to talk again');
    }
    if (!answered(line.agent)) throw wrongState('The call is not answered yet');
    if (line.held !== held) {
      line.held = held;
      line.heldAt = held ? Date.now() : null;
      remix(line);
    }
    return { held };
  }

  async retrieve(caller: CallControlCaller, callSid: string): Promise<{ legCallSid: string }> {
    const line = this.lineFor(caller.identity, callSid);
    if (line.agent) throw wrongState('The call is not parked (resume it with hold held=false)');
    if (line.returning) return { legCallSid: line.returning.sid };
    const party = this.firstParty(line);
    const leg = await this.dialer.dialClient(caller.identity, {
      ...this.towards(party, party.party),
      params: { SwitchboardLine: line.lineSid },
    });
    if (!leg) throw new CallControlError('upstream_failed', `No registered Device of ${caller.identity} to call back`);
    line.returning = leg;
    return { legCallSid: leg.sid };
  }

  async blindTransfer(caller: CallControlCaller, callSid: string, to: string): Promise<void> {
    const target = targetOf(to);
    const line = this.lineFor(caller.identity, callSid);
    const party = this.firstParty(line);
    const leg = await this.dial(target, this.towards(party, party.party));
    const moved =
      target.kind === 'client'
        ? newLine(leg.sid, target.identity, leg, line.parties)
        : newLine(makeSid('CA'), null, null, [...line.parties, leg]);
    this.retire(line);
    this.book.add(moved);
    remix(moved);
  }

  async warmTransfer(caller: CallControlCaller, callSid: string, to: string): Promise<{ consultCallSid: string }> {
    const target = targetOf(to);
    const line = this.lineFor(caller.identity, callSid);
    const agent = line.agent;
    if (!agent || !answered(agent)) throw wrongState('A consult needs the call to be live');
    this.firstParty(line);
    const consultLeg = await this.dialer.dialClient(caller.identity, {
      ...this.towards(agent, to),
      params: { SwitchboardConsultFor: line.lineSid, SwitchboardConsultTo: target.to },
    });
    if (!consultLeg) throw new CallControlError('upstream_failed', `No registered Device of ${caller.identity}`);
    line.held = true;
    line.heldAt ??= Date.now();
    remix(line);
    const consult = newLine(consultLeg.sid, caller.identity, consultLeg, []);
    consult.consultFor = line.lineSid;
    this.book.add(consult);
    this.lifecycle.whenAnswered(consultLeg, () => void this.ringConsultTarget(consult, target, caller.identity));
    return { consultCallSid: consultLeg.sid };
  }

  async completeTransfer(caller: CallControlCaller, consultCallSid: string): Promise<void> {
    const consult = this.lineFor(caller.identity, consultCallSid);
    const original = consult.consultFor ? this.book.get(consult.consultFor) : undefined;
    if (!consult.consultFor) throw wrongState(`${consultCallSid} is not a consult call`);
    if (!original || original.parties.length === 0) throw wrongState('The held call of this consult has ended');
    const far = consult.parties.filter((p) => p.state !== 'ringing');
    if (far.length === 0) throw wrongState('The consult target has not answered yet');
    const [only] = far;
    const joined =
      far.length === 1 && only?.leg
        ? newLine(only.sid, only.leg.identity, only, original.parties)
        : newLine(makeSid('CA'), null, null, [...original.parties, ...far]);
    this.retire(consult);
    this.retire(original);
    this.book.add(joined);
    remix(joined);
  }

  async merge(
    caller: CallControlCaller,
    heldCallSid: string,
    activeCallSid: string,
  ): Promise<{ conferenceSid: string }> {
    const held = this.lineFor(caller.identity, heldCallSid);
    const active = this.lineFor(caller.identity, activeCallSid);
    if (held === active) throw wrongState('Merging needs two different calls');
    if (!active.agent || !answered(active.agent) || active.held) throw wrongState(`${activeCallSid} is not live`);
    if (!held.held) throw wrongState(`${heldCallSid} is not on hold`);
    this.firstParty(held);
    const conferenceSid = active.conferenceSid ?? makeSid('CF');
    this.retire(held);
    active.parties.push(...held.parties);
    active.conferenceSid = conferenceSid;
    remix(active);
    return { conferenceSid };
  }

  async hangup(caller: CallControlCaller, callSid: string): Promise<void> {
    const line = this.book.find(callSid);
    if (line) {
      if (line.owner !== caller.identity) throw noCall(callSid);
      this.lifecycle.endLine(line);
      return;
    }
    const leg = this.registry.legById(callSid);
    if (!leg || leg.identity !== caller.identity || leg.call.status === 'completed') throw noCall(callSid);
    this.ending.endCall(leg.call, null);
  }

  async lines(caller: CallControlCaller): Promise<{ lines: OpenLine[] }> {
    const mine = this.book.all().filter((line) => line.owner === caller.identity);
    return {
      lines: mine.map((line) => ({
        lineSid: line.lineSid,
        held: line.held,
        parked: line.agent === null,
        ...(line.conferenceSid ? { conferenceSid: line.conferenceSid } : {}),
      })),
    };
  }

  /** The caller's line `callSid`; an answered call becomes a line at its first action. */
  private lineFor(identity: string, callSid: string): Line {
    const line = this.book.find(callSid);
    if (line) return this.ownedLine(line, identity, callSid);
    const leg = this.registry.legById(callSid);
    if (!leg || leg.identity !== identity || leg.state === 'ended' || leg.call.status === 'completed')
      throw noCall(callSid);
    if (leg.state !== 'answered' || leg.call.status !== 'in-progress') throw wrongState('The call is not answered yet');
    // A call between two Devices, else a call to a number of the plan or from the server's media.
    const pair = this.endpoints.adoptBridge(leg.call) ?? this.endpoints.adoptFarEnd(leg);
    if (!pair) throw wrongState('This call cannot be held or moved (its far end is not a server leg)');
    const [agent, far] = pair[0].leg === leg ? pair : [pair[1], pair[0]];
    const created = newLine(leg.sid, identity, agent, [far]);
    this.book.add(created);
    remix(created);
    return created;
  }

  private ownedLine(line: Line, identity: string, callSid: string): Line {
    if (line.owner === identity) return line;
    const mine = line.parties.find((p) => p.sid === callSid && p.leg?.identity === identity);
    if (!mine) throw noCall(callSid);
    if (line.owner !== null) throw wrongState(`The other side of ${callSid} controls this call`);
    // Two parties joined by a transfer: the one that acts first takes the line over as its agent.
    line.owner = identity;
    line.agent = mine;
    line.parties = line.parties.filter((p) => p !== mine);
    // Named after the leg its new owner's Device knows, so the owner's `lines` and later actions find it.
    this.book.rename(line, mine.sid);
    remix(line);
    return line;
  }

  private firstParty(line: Line): Endpoint {
    const party = line.parties.find(answered);
    if (!party) throw wrongState('The call has no answered far party');
    return party;
  }

  private towards(heard: Endpoint, from: string): Omit<DialRequest, 'identity' | 'number'> {
    return { from, codec: codecOf(heard.peer), onChange: (e) => this.lifecycle.changed(e) };
  }

  private async dial(target: Target, request: Omit<DialRequest, 'identity' | 'number'>): Promise<Endpoint> {
    if (target.kind === 'number') {
      const leg = await this.dialer.dialNumber(target.number, request);
      if (!leg)
        throw new CallControlError('forbidden_number', `${target.number} is not reachable from the local gateway`);
      return leg;
    }
    const leg = await this.dialer.dialClient(target.identity, request);
    if (!leg) throw new CallControlError('upstream_failed', `${target.to} is not available (no registered Device)`);
    return leg;
  }

  private async ringConsultTarget(consult: Line, target: Target, identity: string): Promise<void> {
    const agent = consult.agent;
    if (!agent || this.book.get(consult.lineSid) !== consult) return;
    try {
      const leg = await this.dial(target, this.towards(agent, `client:${identity}`));
      if (this.book.get(consult.lineSid) !== consult) {
        leg.hangup();
        return;
      }
      consult.parties.push(leg);
      remix(consult);
    } catch {
      this.lifecycle.endLine(consult);
    }
  }

  /** Forgets a line whose parties moved on: its agent legs end, its parties stay up. */
  private retire(line: Line): void {
    this.book.remove(line);
    line.agent?.hangup();
    line.returning?.hangup();
  }
}
