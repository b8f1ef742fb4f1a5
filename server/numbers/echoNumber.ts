import type { NumberCallControl, NumberCallHandler } from '../gateway/numberPlan.js';
import { startEcho } from '../media/echo.js';
import { Impairment, type ImpairmentOptions } from '../media/impairment.js';
import { offeredPreference } from '../media/offerCodecs.js';
import type { ServerPeerOptions } from '../media/serverPeer.js';
import { answerWithMedia } from './answerWithMedia.js';
import { CallScope } from './callScope.js';

export interface EchoNumberOptions {
  /** Rings this long before answering (0 = answer at once). */
  answerAfterMs: number;
  /** Loss and jitter on the returned audio (the bad-network number). */
  impairment?: ImpairmentOptions;
  peer: ServerPeerOptions;
  /** Observes each call's impairment (tests read its statistics). */
  onImpairment?: (impairment: Impairment) => void;
}

/**
 * Sends back the caller's audio in the codec the caller prefers; call messages come back as
 * `{ type: 'echo', content }`. Digits are ignored (the caller hears them anyway).
 */
export const echoNumber =
  (options: EchoNumberOptions) =>
  (call: NumberCallControl): NumberCallHandler => {
    const scope = new CallScope();
    call.ringing();
    const answer = async (): Promise<void> => {
      const prefer = offeredPreference(call.offerSdp) ?? 'opus';
      const peer = await answerWithMedia(call, { ...options.peer, prefer }, () => scope.isEnded);
      if (!peer) {
        scope.end();
        return;
      }
      scope.adopt(peer);
      const impairment = options.impairment ? new Impairment(options.impairment) : undefined;
      if (impairment) {
        options.onImpairment?.(impairment);
        scope.onEnd(() => impairment.dispose());
        void peer.connected().then((ok) => ok && impairment.start());
      }
      scope.onEnd(startEcho(peer, impairment));
    };
    if (options.answerAfterMs > 0) scope.after(options.answerAfterMs, () => void answer());
    else void answer();
    return {
      onMessage: (message) => {
        if (!scope.isEnded)
          call.sendMessage({ content: { type: 'echo', content: message.content }, messageType: message.messageType });
      },
      onEnd: () => scope.end(),
    };
  };
