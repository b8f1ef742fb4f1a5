import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { DeadlineQueue } from '../../../server/gateway/deadlineQueue';
import { HeartbeatWheel } from '../../../server/gateway/heartbeatWheel';
import { SignalingSession } from '../../../server/gateway/session';
import { SessionDirectory } from '../../../server/gateway/sessionDirectory';
import { CallRegistry } from '../../../server/gateway/callRegistry';
import { CallEnding } from '../../../server/gateway/callEnding';
import { NumberRouting } from '../../../server/gateway/numberRouting';
import { CallRouter } from '../../../server/gateway/callRouter';
import { RingingPickup } from '../../../server/gateway/ringingPickup';
import type { CallMediaPath, MediaPath } from '../../../server/gateway/mediaPath';
import type { NumberCallControl, NumberPlan } from '../../../server/gateway/numberPlan';

interface SentFrame {
  type: string;
  payload: Record<string, unknown>;
}

/** The part of a `ws` socket a SignalingSession uses, kept in memory. */
class MemorySocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  readonly sent: SentFrame[] = [];
  send(text: string, done?: (err?: Error) => void): void {
    if (text !== '\n') this.sent.push(JSON.parse(text) as SentFrame);
    done?.();
  }
  terminate(): void {
    this.readyState = 3;
    this.emit('close');
  }
  close(): void {
    this.terminate();
  }
  framesOf(type: string): SentFrame[] {
    return this.sent.filter((f) => f.type === type);
  }
}

/** A media path that marks what it prepared, so the test sees which SDP routing relayed. */
class MarkingMediaPath implements MediaPath {
  readonly prepared: string[] = [];
  failOffer = false;
  failAnswer = false;
  forCall(): CallMediaPath {
    const { prepared } = this;
    const fails = (): { offer: boolean; answer: boolean } => ({ offer: this.failOffer, answer: this.failAnswer });
    let callerAnswer: string | null = null;
    return {
      get callerAnswer() {
        return callerAnswer;
      },
      async prepareOffer(callerLegSid, sdp) {
        prepared.push(`offer:${callerLegSid}`);
        if (fails().offer) throw new Error('no offer');
        callerAnswer = `${sdp}|caller-answer`;
        return `${sdp}|offer-prepared`;
      },
      async prepareAnswer(answererLegSid, sdp) {
        prepared.push(`answer:${answererLegSid}`);
        if (fails().answer) throw new Error('bad answer');
        return `${sdp}|answer-prepared`;
      },
      async renegotiate(legSid, sdp, how) {
        prepared.push(`${how}:${legSid}`);
        return `${sdp}|${how}`;
      },
      async pickUp(legSid, sdp) {
        prepared.push(`pickup:${legSid}`);
        return { answerSdp: `${sdp}|picked-up`, callerAnswer: Promise.resolve(`${callerAnswer}|bridged`) };
      },
      close: () => prepared.push('close'),
    };
  }
  close(): void {}
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i += 1) await new Promise((resolve) => setImmediate(resolve));
  if (!condition()) throw new Error('condition not met');
}

describe('call routing', () => {
  const sockets: MemorySocket[] = [];
  const timers = { heartbeats: new HeartbeatWheel(60_000), deadlines: new DeadlineQueue() };
  let directory: SessionDirectory;
  let registry: CallRegistry;
  let mediaPath: MarkingMediaPath;
  let dialled: NumberCallControl[];
  let router: CallRouter;

  function device(identity: string): { socket: MemorySocket; session: SignalingSession } {
    const socket = new MemorySocket();
    sockets.push(socket);
    const session = new SignalingSession(
      socket as unknown as WebSocket,
      timers,
      () => undefined,
      () => undefined,
    );
    session.identity = identity;
    session.expiresAt = Date.now() + 60_000;
    session.registered = true;
    directory.add(session, 'localhost:9000');
    return { socket, session };
  }

  beforeEach(() => {
    directory = new SessionDirectory();
    registry = new CallRegistry();
    const ending = new CallEnding(registry);
    mediaPath = new MarkingMediaPath();
    dialled = [];
    const plan: NumberPlan = { route: (n) => (n === '+15550100' ? (call) => (dialled.push(call), {}) : undefined) };
    router = new CallRouter(directory, registry, ending, mediaPath, new NumberRouting(plan, ending), 60_000);
  });
  afterEach(() => {
    for (const call of registry.allCalls()) new CallEnding(registry).endCall(call, null);
    for (const socket of sockets.splice(0)) socket.terminate();
    timers.heartbeats.stop();
    timers.deadlines.clear();
  });

  test('callees get the offer the media path prepared, the caller the prepared answer of the first Device to answer', async () => {
    const alice = device('alice');
    const bob1 = device('bob');
    const bob2 = device('bob');
    router.invite(alice.session, 'TJ1', 'offer-sdp', { To: 'client:bob', topic: 'billing' });
    await until(() => bob1.socket.framesOf('invite').length === 1 && bob2.socket.framesOf('invite').length === 1);
    // The caller rings with its server leg's answer as early media, once the callees have their invites.
    expect(alice.socket.framesOf('ringing')).toHaveLength(1);
    expect(alice.socket.framesOf('ringing')[0]!.payload['sdp']).toBe('offer-sdp|caller-answer');
    const invite = bob1.socket.framesOf('invite')[0]!.payload;
    expect(invite['sdp']).toBe('offer-sdp|offer-prepared');
    expect(invite['parameters']).toMatchObject({ From: 'client:alice', To: 'client:bob', Params: 'topic=billing' });

    const winner = registry.legById(String(bob2.socket.framesOf('invite')[0]!.payload['callsid']))!;
    router.answer(winner, 'answer-sdp');
    expect(bob1.socket.framesOf('cancel')).toHaveLength(1);
    await until(() => alice.socket.framesOf('answer').length === 1);
    expect(alice.socket.framesOf('answer')[0]!.payload['sdp']).toBe('answer-sdp|answer-prepared');
    const callerSid = String(alice.socket.framesOf('ringing')[0]!.payload['callsid']);
    expect(mediaPath.prepared).toEqual([`offer:${callerSid}`, `answer:${winner.sid}`]);

    const loser = registry.legById(String(invite['callsid']));
    expect(loser).toBeUndefined();
  });

  test('a connectToken invite for a ringing callee answers that Device, cancels the ringing ones, answers the caller', async () => {
    const alice = device('alice');
    const bob = device('bob');
    const bobElsewhere = device('bob');
    bobElsewhere.session.registered = false;
    router.invite(alice.session, 'TJ1', 'offer-sdp', { To: 'client:bob' });
    await until(() => bob.socket.framesOf('invite').length === 1);
    const invite = bob.socket.framesOf('invite')[0]!.payload;
    const leg = registry.legById(String(invite['callsid']))!;
    const pickup = new RingingPickup(new CallEnding(registry));
    expect(pickup.pickUp(bobElsewhere.session, leg, 'forwarded-offer')).toBe(true);
    await until(() => alice.socket.framesOf('answer').length === 1);
    // Not the caller's offer replayed as an answer (the SDK's 53402): the server leg's answer to the new offer.
    expect(bobElsewhere.socket.framesOf('answer')[0]!.payload).toMatchObject({
      callsid: leg.sid,
      sdp: 'forwarded-offer|picked-up',
      reconnect: invite['reconnect'],
    });
    expect(bob.socket.framesOf('cancel')).toEqual([expect.objectContaining({ payload: { callsid: leg.sid } })]);
    expect(alice.socket.framesOf('answer')[0]!.payload['sdp']).toBe('offer-sdp|caller-answer|bridged');
    expect(leg.call.status).toBe('in-progress');
    expect(mediaPath.prepared).toEqual([`offer:${leg.call.sid}`, `pickup:${leg.sid}`]);
    // Only a ringing callee can be picked up.
    expect(pickup.pickUp(bobElsewhere.session, leg, 'again')).toBe(false);
  });

  test('media that cannot be prepared fails the caller with 31005 before anything rings', async () => {
    const alice = device('alice');
    const bob = device('bob');
    mediaPath.failOffer = true;
    router.invite(alice.session, 'TJ4', 'offer-sdp', { To: 'client:bob' });
    await until(() => alice.socket.framesOf('hangup').length === 1);
    expect(alice.socket.framesOf('hangup')[0]!.payload).toMatchObject({ callsid: 'TJ4', error: { code: 31005 } });
    expect(bob.socket.framesOf('invite')).toEqual([]);
    expect(mediaPath.prepared).toContain('close');
    expect(registry.allCalls()).toEqual([]);
  });

  test('an answer the media cannot apply ends both legs with 31005 instead of a silent call', async () => {
    const alice = device('alice');
    const bob = device('bob');
    mediaPath.failAnswer = true;
    router.invite(alice.session, 'TJ5', 'offer-sdp', { To: 'client:bob' });
    await until(() => bob.socket.framesOf('invite').length === 1);
    router.answer(registry.legById(String(bob.socket.framesOf('invite')[0]!.payload['callsid']))!, 'answer-sdp');
    await until(() => alice.socket.framesOf('hangup').length === 1 && bob.socket.framesOf('hangup').length === 1);
    expect(alice.socket.framesOf('hangup')[0]!.payload).toMatchObject({ error: { code: 31005 } });
    expect(bob.socket.framesOf('hangup')[0]!.payload).toMatchObject({ error: { code: 31005 } });
    expect(alice.socket.framesOf('answer')).toEqual([]);
    expect(registry.allCalls()).toEqual([]);
  });

  test('a call to a number goes to the number plan with the offer as the Device sent it', () => {
    const alice = device('alice');
    router.invite(alice.session, 'TJ2', 'offer-sdp', { To: '+15550100' });
    expect(dialled).toHaveLength(1);
    expect(dialled[0]).toMatchObject({ to: '+15550100', from: 'client:alice', offerSdp: 'offer-sdp' });
    expect(mediaPath.prepared).toEqual([]);
  });

  test('an identity without a registered Device fails the caller without preparing media', () => {
    const alice = device('alice');
    router.invite(alice.session, 'TJ3', 'offer-sdp', { To: 'client:carol' });
    const hangup = alice.socket.framesOf('hangup')[0]!.payload;
    expect(hangup).toMatchObject({ callsid: 'TJ3', error: { code: 31480 } });
    expect(mediaPath.prepared).toEqual([]);
    expect(registry.allCalls()).toEqual([]);
  });
});
