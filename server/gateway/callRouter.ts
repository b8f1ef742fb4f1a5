import { makeSid } from './sids.js';
import { TwilioCode, signalingError } from './errors.js';
import type { SignalingSession } from './session.js';
import type { SessionDirectory } from './sessionDirectory.js';
import type { CallRegistry } from './callRegistry.js';
import type { CallEnding } from './callEnding.js';
import type { MediaPath } from './mediaPath.js';
import type { NumberRouting } from './numberRouting.js';
import type { CallRecord, ClientLeg } from './callRecords.js';
import { CLIENT_PREFIX, clientIdentityOf, isE164Number, toQuery } from './addressing.js';
import { sendAnswer, sendRinging } from './legSignals.js';
import { iceUfragOf } from './sdpFacts.js';

const mediaFailure = (error: unknown) =>
  signalingError(
    TwilioCode.ConnectionError,
    `The call's media could not be negotiated: ${error instanceof Error ? error.message : String(error)}`,
  );

const unavailable = (identity: string) =>
  signalingError(TwilioCode.TemporarilyUnavailable, `client:${identity} is not available (no registered Device)`);

/**
 * Routes calls: a Device's invite goes to a number handler or rings every registered Device of the dialled
 * identity; the first Device to answer wins, and answers, rejections and hangups reach the other side.
 */
export class CallRouter {
  constructor(
    private readonly directory: SessionDirectory,
    private readonly registry: CallRegistry,
    private readonly ending: CallEnding,
    private readonly mediaPath: MediaPath,
    private readonly numbers: NumberRouting,
    private readonly ringTimeoutMs: number,
  ) {}

  /** A new outgoing call from the Device on `session`; `tempSid` is the SDK's temporary id for it. */
  invite(session: SignalingSession, tempSid: string, offerSdp: string, params: Record<string, string>): void {
    const identity = session.identity ?? '';
    const { To: rawTo = '', ...custom } = params;
    const to = rawTo.trim();
    const call = this.registry.newCall(makeSid('CA'), `${CLIENT_PREFIX}${identity}`, to, custom);
    const caller = this.registry.newLeg(call, 'caller', identity, session, call.sid, tempSid);
    call.caller = caller;

    // No `To` is Device.runPreflight's test call: the plan's echo takes it, as Twilio's does.
    if (isE164Number(to) || (!to && this.numbers.takesPreflight)) {
      this.numbers.route(call, caller, offerSdp);
      return;
    }
    const target = clientIdentityOf(to);
    if (!target) {
      this.ending.failCall(
        call,
        signalingError(
          TwilioCode.NotFound,
          to ? `"${to}" is not a client identity or E.164 number` : 'The call has no "To" parameter',
        ),
      );
      return;
    }
    if (this.directory.reachable(target).length === 0) {
      this.ending.failCall(call, unavailable(target));
      return;
    }
    caller.deviceUfrag = iceUfragOf(offerSdp);
    const mediaPath = this.mediaPath.forCall();
    call.mediaPath = mediaPath;
    mediaPath.prepareOffer(caller.sid, offerSdp).then(
      (calleeOffer) => {
        if (call.status !== 'ringing') return;
        if (!this.ringIdentity(call, target, calleeOffer)) this.ending.failCall(call, unavailable(target));
        // Like Twilio's 180 with SDP: the caller's media connects to its server leg now and hears ringback.
        else sendRinging(caller, mediaPath.callerAnswer ?? undefined);
      },
      (error: unknown) => this.ending.failCall(call, mediaFailure(error)),
    );
  }

  /** Sends the invite to every reachable Device of `identity` and starts the ring timeout; false if there is none. */
  ringIdentity(call: CallRecord, identity: string, offerSdp: string): boolean {
    const targets = this.directory.reachable(identity);
    if (targets.length === 0) return false;
    for (const target of targets) {
      const leg = this.registry.newLeg(call, 'callee', identity, target, makeSid('CA'), null);
      leg.remoteSdp = offerSdp;
      call.callees.push(leg);
      target.send('invite', {
        callsid: leg.sid,
        sdp: offerSdp,
        reconnect: leg.reconnectToken,
        parameters: {
          CallSid: leg.sid,
          AccountSid: 'AC' + '0'.repeat(32),
          From: call.from,
          To: call.to,
          ...(Object.keys(call.params).length > 0 ? { Params: toQuery(call.params) } : {}),
        },
      });
    }
    call.ringTimer = setTimeout(() => {
      call.ringTimer = null;
      if (call.status === 'ringing')
        this.ending.failCall(call, signalingError(TwilioCode.TemporarilyUnavailable, `${call.to} did not answer`));
    }, this.ringTimeoutMs);
    return true;
  }

  /** A ringing Device answered: the first answer wins, the other Devices of the identity stop ringing. */
  answer(leg: ClientLeg, sdp: string): void {
    const call = leg.call;
    if (leg.role !== 'callee' || leg.state !== 'ringing') return;
    if (call.status !== 'ringing') {
      // Lost the race to another Device of the same identity.
      this.ending.retireLeg(leg, 'cancel');
      return;
    }
    call.status = 'in-progress';
    call.answeredAt = Date.now();
    call.answered = leg;
    leg.state = 'answered';
    if (call.ringTimer) clearTimeout(call.ringTimer);
    call.ringTimer = null;
    for (const other of call.callees)
      if (other !== leg && other.state === 'ringing') this.ending.retireLeg(other, 'cancel');
    call.callees = [leg];
    leg.deviceUfrag = iceUfragOf(sdp);
    this.relayAnswer(call, leg, sdp);
  }

  reject(leg: ClientLeg): void {
    if (leg.role !== 'callee' || leg.state !== 'ringing' || leg.call.status !== 'ringing') return;
    // Declining on one Device declines the call for the identity: the other Devices stop ringing.
    leg.state = 'ended';
    this.ending.failCall(leg.call, signalingError(TwilioCode.BusyHere, `${leg.call.to} declined the call`));
  }

  /** `hangup`/`cancel` from a Device: a ringing callee declines, anyone else ends the call. */
  hangup(leg: ClientLeg): void {
    const call = leg.call;
    if (call.status === 'completed' || leg.state === 'ended') return;
    if (leg.role === 'callee' && leg.state === 'ringing') {
      this.reject(leg);
      return;
    }
    leg.state = 'ended';
    this.ending.endCall(call, leg);
  }

  /** Gives the answer to the call's originator: the server media peer, or the calling Device once prepared. */
  private relayAnswer(call: CallRecord, answerer: ClientLeg, sdp: string): void {
    const caller = call.caller;
    if (!caller) {
      call.serverPeer?.acceptAnswer(sdp);
      return;
    }
    caller.state = 'answered';
    const preparedAnswer = call.mediaPath ? call.mediaPath.prepareAnswer(answerer.sid, sdp) : Promise.resolve(sdp);
    preparedAnswer.then(
      (answerSdp) => {
        if (call.status !== 'in-progress' || caller.state !== 'answered') return;
        sendAnswer(caller, answerSdp);
      },
      (error: unknown) => {
        // The callee's answer cannot be applied: both legs end with the reason instead of a silent call.
        const failure = mediaFailure(error);
        answerer.session?.send('hangup', { callsid: answerer.sid, error: failure });
        answerer.state = 'ended';
        caller.session?.send('hangup', { callsid: caller.sid, error: failure });
        caller.state = 'ended';
        this.ending.endCall(call, null);
      },
    );
  }
}
