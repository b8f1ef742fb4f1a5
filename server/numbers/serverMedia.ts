import type { ServerCallContext, ServerMediaFactory, ServerMediaPeer } from '../gateway/numberPlan.js';
import { startEcho } from '../media/echo.js';
import { ServerPeer, type ServerPeerOptions } from '../media/serverPeer.js';

export interface ServerMediaOptions {
  peer?: ServerPeerOptions;
}

/**
 * The far end of calls the gateway places to a Device (control API): an echo of the Device's audio. Keypad digits
 * are acknowledged as `{ type: 'dtmf', digits, via }` call messages and call messages come back as
 * `{ type: 'echo', content }`, so a person answering a demo call hears and sees that the line is alive.
 */
export function createServerMediaFactory(options: ServerMediaOptions = {}): ServerMediaFactory {
  return async (call: ServerCallContext): Promise<ServerMediaPeer> => {
    const { peer, offerSdp } = await ServerPeer.offer({ ...options.peer, prefer: 'opus' });
    let ended = false;
    const release = (): void => {
      if (ended) return;
      ended = true;
      stopEcho();
      stopDigits();
      void peer.close();
    };
    const stopEcho = startEcho(peer);
    const stopDigits = peer.onDigit((digits) => call.sendMessage({ content: { type: 'dtmf', digits, via: 'rtp' } }));
    return {
      offerSdp,
      acceptAnswer: (answerSdp) => {
        peer.acceptAnswer(answerSdp).catch(() => {
          // An answer werift cannot apply leaves the call without media: end it rather than leave silence.
          if (!ended) {
            release();
            call.hangup();
          }
        });
      },
      onDtmf: (digits) => {
        if (!ended) call.sendMessage({ content: { type: 'dtmf', digits, via: 'signaling' } });
      },
      onMessage: (message) => {
        if (!ended)
          call.sendMessage({ content: { type: 'echo', content: message.content }, messageType: message.messageType });
      },
      onEnd: release,
    };
  };
}
