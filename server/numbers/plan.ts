import type { NumberCallControl, NumberCallHandler, NumberPlan } from '../gateway/numberPlan.js';
import type { Impairment, ImpairmentOptions } from '../media/impairment.js';
import type { ServerPeerOptions } from '../media/serverPeer.js';
import { NUMBER_PLAN, type NumberKind } from './catalog.js';
import { echoNumber } from './echoNumber.js';
import { ivrNumber } from './ivr.js';
import { busyNumber, noAnswerNumber, rejectNumber } from './progress.js';

export interface NumberPlanOptions {
  /** Default 60 000 (then 31480, like an unanswered Dial). */
  noAnswerTimeoutMs?: number;
  /** Default 1 500. */
  rejectAfterMs?: number;
  /** Default 300. */
  busyAfterMs?: number;
  /** Default 3 000. */
  slowAnswerMs?: number;
  /** Default: 20 % loss and audio bunched every 300 ms for the first 15 s after media connects. */
  badNetwork?: Partial<ImpairmentOptions>;
  peer?: ServerPeerOptions;
  /** How long the preflight echo (a call without `To`) lasts before it hangs up. Default 20 000 (the SDK's echo test). */
  preflightEchoMs?: number;
  /** Observes the bad-network number's impairment per call. */
  onImpairment?: (impairment: Impairment) => void;
}

export const DEFAULT_BAD_NETWORK: ImpairmentOptions = { lossRate: 0.2, jitterMs: 300, windowMs: 15_000 };

type Route = (call: NumberCallControl) => NumberCallHandler;

export interface SimulatedNumberPlan extends NumberPlan {
  /** Calls taken and not ended yet. */
  readonly activeCalls: number;
}

/** The simulated numbers of NUMBER_PLAN; any other number is unknown (the gateway fails it as unreachable). */
export function createNumberPlan(options: NumberPlanOptions = {}): SimulatedNumberPlan {
  const peer = options.peer ?? {};
  const timings = {
    busyAfterMs: options.busyAfterMs ?? 300,
    noAnswerTimeoutMs: options.noAnswerTimeoutMs ?? 60_000,
    rejectAfterMs: options.rejectAfterMs ?? 1_500,
  };
  const routes: Record<NumberKind, Route> = {
    echo: echoNumber({ answerAfterMs: 0, peer }),
    ivr: ivrNumber({ peer }),
    busy: busyNumber(timings),
    'no-answer': noAnswerNumber(timings),
    reject: rejectNumber(timings),
    'slow-answer': echoNumber({ answerAfterMs: options.slowAnswerMs ?? 3_000, peer }),
    'bad-network': echoNumber({
      answerAfterMs: 0,
      peer,
      impairment: { ...DEFAULT_BAD_NETWORK, ...options.badNetwork },
      ...(options.onImpairment ? { onImpairment: options.onImpairment } : {}),
    }),
  };
  const byNumber = new Map(NUMBER_PLAN.map((entry) => [entry.number, routes[entry.kind]]));
  let active = 0;

  /** Counts the call until it ends, whoever ends it (handler or gateway). */
  const counted =
    (route: Route): Route =>
    (call) => {
      active++;
      let open = true;
      const release = (): void => {
        if (open) active--;
        open = false;
      };
      const handler = route({
        callSid: call.callSid,
        from: call.from,
        to: call.to,
        params: call.params,
        offerSdp: call.offerSdp,
        ringing: (earlyMediaSdp) => call.ringing(earlyMediaSdp),
        answer: (sdp) => call.answer(sdp),
        sendMessage: (message) => call.sendMessage(message),
        hangup: (error) => {
          release();
          call.hangup(error);
        },
      });
      return {
        ...handler,
        onEnd: () => {
          release();
          handler.onEnd?.();
        },
      };
    };

  const preflight = counted(echoNumber({ answerAfterMs: 0, hangUpAfterMs: options.preflightEchoMs ?? 20_000, peer }));

  return {
    preflight,
    route: (number) => {
      const route = byNumber.get(number);
      return route ? counted(route) : undefined;
    },
    get activeCalls() {
      return active;
    },
  };
}
