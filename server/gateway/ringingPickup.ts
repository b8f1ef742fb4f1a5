import { TwilioCode, signalingError } from './errors.js';
import type { SignalingSession } from './session.js';
import type { CallEnding } from './callEnding.js';
import type { ClientLeg } from './callRecords.js';
import { sendAnswer } from './legSignals.js';
import { iceUfragOf } from './sdpFacts.js';

/**
 * `Device.connect({ connectToken })` with the token of a call that still rings (call forwarding in the SDK's own
 * connectToken spec): the connecting Device answers the call with its own offer. As on Twilio, it gets an `answer`
 * (its call `accept`s, with the ringing call's parameters), the Devices that rang get `cancel`, and the caller is
 * answered once the bridge to the new Device is up.
 */
export class RingingPickup {
  constructor(private readonly ending: CallEnding) {}

  /** False when the leg cannot be picked up (not a ringing callee of a Device-to-Device call). */
  pickUp(session: SignalingSession, leg: ClientLeg, offerSdp: string): boolean {
    const call = leg.call;
    const media = call.mediaPath;
    const caller = call.caller;
    if (leg.role !== 'callee' || leg.state !== 'ringing' || call.status !== 'ringing' || !media || !caller)
      return false;
    const rangOn = leg.session;
    leg.session = session;
    leg.sidKnown = true;
    leg.deviceUfrag = iceUfragOf(offerSdp);
    leg.state = 'answered';
    if (rangOn && rangOn !== session) rangOn.send('cancel', { callsid: leg.sid });
    call.status = 'in-progress';
    call.answeredAt = Date.now();
    call.answered = leg;
    if (call.ringTimer) clearTimeout(call.ringTimer);
    call.ringTimer = null;
    for (const other of call.callees)
      if (other !== leg && other.state === 'ringing') this.ending.retireLeg(other, 'cancel');
    call.callees = [leg];
    media.pickUp(leg.sid, offerSdp).then(
      async ({ answerSdp, callerAnswer }) => {
        if (call.status !== 'in-progress') return;
        leg.remoteSdp = answerSdp;
        leg.session?.send('answer', { callsid: leg.sid, sdp: answerSdp, reconnect: leg.reconnectToken });
        const answer = await callerAnswer;
        if (call.status !== 'in-progress') return;
        caller.state = 'answered';
        sendAnswer(caller, answer);
      },
      (error: unknown) => {
        const failure = signalingError(
          TwilioCode.ConnectionError,
          `The call's media could not be negotiated: ${error instanceof Error ? error.message : String(error)}`,
        );
        for (const end of [leg, caller]) {
          end.session?.send('hangup', { callsid: end.sid, error: failure });
          end.state = 'ended';
        }
        this.ending.endCall(call, null);
      },
    );
    return true;
  }
}
