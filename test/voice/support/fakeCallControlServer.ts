/**
 * A stand-in for the server's call-control route (`POST /call-control/<action>`, see the call-control seam) as a
 * `fetch` double, driving the SDK double the way the gateway drives the real SDK: it checks the bearer token, keeps
 * lines (a far party, our leg or none, held), parks a held line whose leg goes away, and brings lines back or starts
 * consult legs by placing incoming calls marked `SwitchboardLine` / `SwitchboardConsultFor`, which answer as soon as
 * they are accepted (their media ends on the server). Every request is recorded.
 */
import { parseDialTarget } from '../../../src/contract/validation';
import type { FetchLike } from '../../../src/voice/token';
import type { FakeCall, FakeDevice } from './fakeTwilio';

interface Line {
  held: boolean;
  leg: FakeCall | null;
  consultFor: string | null;
}

type Reply = { status: number; body: unknown };
type Body = Record<string, unknown>;

const error = (status: number, code: string, message = code): Reply => ({ status, body: { error: { code, message } } });

export class FakeCallControlServer {
  readonly requests: Array<{ url: string; action: string; body: Body; authorization: string | undefined }> = [];
  readonly lines = new Map<string, Line>();
  /** The next request of an action fails with this reply (then the route works again). */
  readonly failures = new Map<string, Reply>();
  /** Runs while a request is being answered (what else happens meanwhile, e.g. a caller gives up). */
  duringRequest: (action: string) => void = () => undefined;
  private sequence = 0;

  constructor(private readonly device: () => FakeDevice) {}

  readonly fetch: FetchLike = async (url, init = {}) => {
    const action = url.split('/').pop() ?? '';
    const body = JSON.parse(init.body ?? '{}') as Body;
    const authorization = init.headers?.authorization;
    this.requests.push({ url, action, body, authorization });
    this.duringRequest(action);
    const reply = this.answer(action, body, authorization);
    return { ok: reply.status === 200, status: reply.status, json: async () => reply.body };
  };

  get actions(): string[] {
    return this.requests.map((r) => r.action);
  }

  private answer(action: string, body: Body, authorization: string | undefined): Reply {
    if (authorization !== `Bearer ${this.device().token}`) return error(401, 'unauthorized');
    const failure = this.failures.get(action);
    if (failure) {
      this.failures.delete(action);
      return failure;
    }
    switch (action) {
      case 'hold':
        return this.hold(String(body.callSid), body.held === true);
      case 'retrieve':
        return this.retrieve(String(body.callSid));
      case 'transfer':
        return this.transfer(String(body.callSid), String(body.to), body.mode === 'warm');
      case 'completeTransfer':
        return this.completeTransfer(String(body.callSid));
      case 'merge':
        return this.merge(String(body.heldCallSid), String(body.activeCallSid));
      case 'hangup':
        return this.hangup(String(body.callSid));
      case 'lines':
        return this.openLines();
      default:
        return { status: 404, body: 'Not Found' };
    }
  }

  /** The far party of `lineSid` hangs up: the server ends the line (and our leg of it, if there is one). */
  farPartyHangsUp(lineSid: string): void {
    const line = this.lines.get(lineSid);
    if (line) this.end(lineSid, line);
  }

  private openLines(): Reply {
    const lines = [...this.lines].map(([lineSid, line]) => ({ lineSid, held: line.held, parked: line.leg === null }));
    return { status: 200, body: { lines } };
  }

  /** The line of `callSid`; an open leg of the Device that the server has not seen yet becomes one. */
  private line(callSid: string): Line | undefined {
    const known = this.lines.get(callSid);
    if (known) return known;
    const active = this.device().activeCall;
    if (!active || active.parameters.CallSid !== callSid || active.status() !== 'open') return undefined;
    return this.adopt(callSid, active, null);
  }

  private adopt(lineSid: string, leg: FakeCall, consultFor: string | null): Line {
    const line: Line = { held: false, leg, consultFor };
    this.lines.set(lineSid, line);
    this.watchLeg(lineSid, line, leg);
    return line;
  }

  /** A leg that ends while its line is held parks the line; otherwise the line ends with it. */
  private watchLeg(lineSid: string, line: Line, leg: FakeCall): void {
    leg.on('disconnect', () => {
      if (line.leg !== leg) return;
      line.leg = null;
      if (!line.held) this.lines.delete(lineSid);
    });
  }

  private hold(callSid: string, held: boolean): Reply {
    const line = this.line(callSid);
    if (!line) return error(404, 'no_active_call');
    if (!held && !line.leg) return error(409, 'wrong_state', 'The line is parked: retrieve it.');
    line.held = held;
    return { status: 200, body: { held } };
  }

  private retrieve(callSid: string): Reply {
    const line = this.line(callSid);
    if (!line) return error(404, 'no_active_call');
    if (line.leg) return error(409, 'wrong_state', 'The line is not parked.');
    const legCallSid = this.nextSid();
    this.callBack(legCallSid, { SwitchboardLine: callSid }, (leg) => {
      line.leg = leg;
      line.held = false;
      this.watchLeg(callSid, line, leg);
    });
    return { status: 200, body: { legCallSid } };
  }

  private transfer(callSid: string, to: string, warm: boolean): Reply {
    if (!parseDialTarget(to).ok) return error(400, 'invalid_number');
    const line = this.line(callSid);
    if (!line) return error(404, 'no_active_call');
    if (!warm) {
      this.end(callSid, line);
      return { status: 200, body: {} };
    }
    line.held = true;
    const consultCallSid = this.nextSid();
    this.callBack(consultCallSid, { SwitchboardConsultFor: callSid, SwitchboardConsultTo: to }, (leg) => {
      this.adopt(consultCallSid, leg, callSid);
    });
    return { status: 200, body: { consultCallSid } };
  }

  private completeTransfer(callSid: string): Reply {
    const consult = this.line(callSid);
    if (!consult) return error(404, 'no_active_call');
    const original = consult.consultFor === null ? undefined : this.lines.get(consult.consultFor);
    if (!original || consult.consultFor === null) return error(409, 'wrong_state');
    this.end(consult.consultFor, original);
    this.end(callSid, consult);
    return { status: 200, body: {} };
  }

  private merge(heldCallSid: string, activeCallSid: string): Reply {
    const held = this.line(heldCallSid);
    const active = this.line(activeCallSid);
    if (!held || !active) return error(404, 'no_active_call');
    if (!held.held || active.held) return error(409, 'wrong_state');
    this.end(heldCallSid, held);
    return { status: 200, body: { conferenceSid: `CF${this.nextSid().slice(2)}` } };
  }

  private hangup(callSid: string): Reply {
    const line = this.line(callSid);
    if (!line) return error(404, 'no_active_call');
    this.end(callSid, line);
    return { status: 200, body: {} };
  }

  /** The server ends our leg of the line, after its reply (as the gateway hangs up after answering). */
  private end(lineSid: string, line: Line): void {
    this.lines.delete(lineSid);
    const leg = line.leg;
    line.leg = null;
    if (leg) queueMicrotask(() => leg.simulateRemoteHangup());
  }

  /** Places the call-back after the reply; it answers once the softphone accepts it. */
  private callBack(callSid: string, customParameters: Record<string, string>, onAnswered: (leg: FakeCall) => void) {
    queueMicrotask(() => {
      this.device().simulateIncoming({
        callSid,
        from: 'server',
        customParameters,
        onAccept: (leg) => {
          onAnswered(leg);
          leg.simulateAnswer();
        },
      });
    });
  }

  private nextSid(): string {
    this.sequence += 1;
    return `CAserver${this.sequence.toString().padStart(24, '0')}`;
  }
}
