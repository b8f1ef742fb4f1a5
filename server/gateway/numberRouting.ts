import { TwilioCode, signalingError } from './errors.js';
import type { NumberPlan } from './numberPlan.js';
import type { CallEnding } from './callEnding.js';
import type { CallRecord, ClientLeg } from './callRecords.js';
import { callMessageOf, deliverMessage, sendAnswer, sendRinging } from './legSignals.js';

/** Hands a Device's call to an E.164 number to the number plan's handler, which plays the far end. */
export class NumberRouting {
  constructor(
    private plan: NumberPlan,
    private readonly ending: CallEnding,
  ) {}

  setPlan(plan: NumberPlan): void {
    this.plan = plan;
  }

  /** The plan's handler for `number` (call control dials numbers as movable parties), if it has one. */
  routeFor(number: string): ReturnType<NumberPlan['route']> {
    return this.plan.route(number);
  }

  /** True when the plan answers calls without `To` (preflight). */
  get takesPreflight(): boolean {
    return this.plan.preflight !== undefined;
  }

  /** Routes `call` to the plan's handler for `call.to`, or to its preflight echo when `call.to` is empty. */
  route(call: CallRecord, caller: ClientLeg, offerSdp: string): void {
    const route = call.to ? this.plan.route(call.to) : this.plan.preflight;
    if (!route) {
      this.ending.failCall(
        call,
        signalingError(TwilioCode.NotFound, `${call.to} is unreachable from the local gateway`),
      );
      return;
    }
    let ended = false;
    const handler = route({
      callSid: call.sid,
      from: call.from,
      to: call.to,
      params: call.params,
      offerSdp,
      ringing: (earlyMediaSdp) => {
        if (call.status === 'ringing') sendRinging(caller, earlyMediaSdp);
      },
      answer: (answerSdp) => {
        if (call.status !== 'ringing') return;
        call.status = 'in-progress';
        call.answeredAt = Date.now();
        caller.state = 'answered';
        sendAnswer(caller, answerSdp);
      },
      hangup: (error) => {
        if (ended) return;
        if (call.farEndHungUp) {
          ended = true;
          call.farEndHungUp();
          return;
        }
        if (call.status === 'completed') return;
        ended = true;
        call.numberHandler = null; // the handler ended it: do not call its onEnd
        if (error && call.status === 'ringing') this.ending.failCall(call, error);
        else this.ending.endCall(call, null);
      },
      sendMessage: (message) => {
        if (caller.state === 'answered') deliverMessage(caller, callMessageOf(message));
      },
    });
    if (!ended) call.numberHandler = handler;
  }
}
