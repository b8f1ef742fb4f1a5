import type { NumberCallControl, NumberCallHandler } from '../gateway/numberPlan.js';
import { startEcho } from '../media/echo.js';
import { Impairment, type ImpairmentOptions } from '../media/impairment.js';
import { offeredPreference } from '../media/offerCodecs.js';
import { Ringback } from '../media/ringback.js';
import type { ServerPeer, ServerPeerOptions } from '../media/serverPeer.js';
import { negotiateMedia } from './answerWithMedia.js';
import { CallScope } from './callScope.js';

export interface EchoNumberOptions {
  /** Rings this long before answering (0 = answer at once), with ringback as early media meanwhile. */
  answerAfterMs: number;
  /** Hangs up this long after answering (the preflight echo); absent = the caller ends the call. */
  hangUpAfterMs?: number;
  /** Loss and jitter on the returned audio (the bad-network number). */
  impairment?: ImpairmentOptions;
  peer: ServerPeerOptions;
  /** Observes each call's impairment (tests read its statistics). */
  onImpairment?: (impairment: Impairment) => void;
}

function startEchoing(peer: ServerPeer, scope: CallScope, options: EchoNumberOptions): void {
  const impairment = options.impairment ? new Impairment(options.impairment) : undefined;
  if (impairment) {
    options.onImpairment?.(impairment);
    scope.onEnd(() => impairment.dispose());
    void peer.connected().then((ok) => ok && impairment.start());
  }
  scope.onEnd(startEcho(peer, impairment));
}

/**
 * Sends back the caller's audio in the codec the caller prefers; call messages come back as
 * `{ type: 'echo', content }`. Digits are ignored (the caller hears them anyway). A slow answer rings with early
 * media (`ringing` with SDP, like Twilio's 180 with SDP) and plays ringback until it answers.
 */
export const echoNumber =
  (options: EchoNumberOptions) =>
  (call: NumberCallControl): NumberCallHandler => {
    const scope = new CallScope();
    let peer: ServerPeer | null = null;
    if (options.answerAfterMs === 0) call.ringing();
    void (async () => {
      const prefer = offeredPreference(call.offerSdp) ?? 'opus';
      const media = await negotiateMedia(call, { ...options.peer, prefer }, () => scope.isEnded);
      if (!media) {
        scope.end();
        return;
      }
      peer = media.peer;
      scope.adopt(media.peer);
      const answer = (): void => {
        call.answer(media.answerSdp);
        startEchoing(media.peer, scope, options);
        const { hangUpAfterMs } = options;
        if (hangUpAfterMs !== undefined)
          scope.after(hangUpAfterMs, () => {
            call.hangup();
            scope.end();
          });
      };
      if (options.answerAfterMs === 0) {
        answer();
        return;
      }
      call.ringing(media.answerSdp);
      const ringback = new Ringback(media.peer);
      scope.onEnd(() => ringback.stop());
      scope.after(options.answerAfterMs, () => {
        ringback.stop();
        answer();
      });
    })();
    return {
      onMessage: (message) => {
        if (!scope.isEnded)
          call.sendMessage({ content: { type: 'echo', content: message.content }, messageType: message.messageType });
      },
      onReinvite: (offerSdp) => (peer ? peer.answerAgain(offerSdp) : Promise.reject(new Error('No media yet'))),
      onEnd: () => scope.end(),
    };
  };
