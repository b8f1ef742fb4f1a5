import type { CallMessage, NumberCallControl, NumberCallHandler } from '../gateway/numberPlan.js';
import { PcmuPlayer } from '../media/player.js';
import type { ServerPeerOptions } from '../media/serverPeer.js';
import { dtmfSequence, renderTones, type ToneSegment } from '../media/tones.js';
import { answerWithMedia } from './answerWithMedia.js';
import { CallScope } from './callScope.js';

export type IvrMenu = 'main' | 'sales' | 'support';
export type DigitSource = 'rtp' | 'signaling';

/** What the IVR tells the caller, as call message content (`messageType: 'user-defined-message'`). */
export type IvrMessage =
  | { type: 'ivr'; event: 'menu'; menu: IvrMenu; options: Record<string, string> }
  | {
      type: 'ivr';
      event: 'pressed';
      pressed: string;
      via: DigitSource;
      menu: IvrMenu;
      previousMenu: IvrMenu;
      result: string;
    }
  | { type: 'ivr'; event: 'reply'; menu: IvrMenu; received: unknown; options: Record<string, string> };

const MENU_OPTIONS: Record<IvrMenu, Record<string, string>> = {
  main: { '1': 'sales', '2': 'support', '*': 'repeat this menu', '9': 'hang up' },
  sales: { '0': 'back to the main menu', '*': 'repeat this menu', other: 'read the key back' },
  support: { '0': 'back to the main menu', '*': 'repeat this menu', other: 'read the key back' },
};

const chime = (...hz: number[]): ToneSegment[] =>
  hz.flatMap((f) => [
    { frequencies: [f], durationMs: 250 },
    { frequencies: [], durationMs: 60 },
  ]);

/** Prompts are tone sequences standing in for speech, each recognisable by ear. */
const PROMPTS: Record<IvrMenu | 'invalid' | 'goodbye', ToneSegment[]> = {
  main: [...chime(523, 659, 784), { frequencies: [], durationMs: 200 }, ...dtmfSequence('12')],
  sales: chime(784, 988),
  support: chime(784, 587),
  invalid: [{ frequencies: [480, 620], durationMs: 400 }],
  goodbye: chime(784, 659, 523),
};

interface Transition {
  menu: IvrMenu;
  result: string;
  prompt: ToneSegment[];
  hangup?: boolean;
}

function transition(menu: IvrMenu, key: string): Transition {
  if (key === '*') return { menu, result: 'repeat', prompt: PROMPTS[menu] };
  if (menu === 'main') {
    if (key === '1') return { menu: 'sales', result: 'sales', prompt: PROMPTS.sales };
    if (key === '2') return { menu: 'support', result: 'support', prompt: PROMPTS.support };
    if (key === '9') return { menu, result: 'goodbye', prompt: PROMPTS.goodbye, hangup: true };
    return { menu, result: 'invalid', prompt: PROMPTS.invalid };
  }
  if (key === '0') return { menu: 'main', result: 'main', prompt: PROMPTS.main };
  return { menu, result: `read back ${key}`, prompt: dtmfSequence(key) };
}

export interface IvrOptions {
  peer: ServerPeerOptions;
}

/**
 * An IVR: answers in PCMU, plays the main prompt, and walks its menus on keypad digits from either RTP
 * telephone-events or the SDK's signaling fallback. Every key is reported to the caller as a call message, and
 * every call message from the caller is answered with the current menu.
 */
export const ivrNumber =
  (options: IvrOptions) =>
  (call: NumberCallControl): NumberCallHandler => {
    const scope = new CallScope();
    let menu: IvrMenu = 'main';
    let player: PcmuPlayer | null = null;
    const send = (content: IvrMessage): void => {
      if (!scope.isEnded)
        call.sendMessage({ content, messageType: 'user-defined-message', contentType: 'application/json' });
    };

    const press = (key: string, via: DigitSource): void => {
      if (scope.isEnded) return;
      const previousMenu = menu;
      const next = transition(menu, key);
      menu = next.menu;
      send({ type: 'ivr', event: 'pressed', pressed: key, via, menu, previousMenu, result: next.result });
      const played = player?.play(renderTones(next.prompt)) ?? Promise.resolve();
      if (next.hangup) {
        void played.then(() => {
          if (scope.isEnded) return;
          scope.end();
          call.hangup();
        });
      }
    };

    call.ringing();
    void (async () => {
      const peer = await answerWithMedia(call, { ...options.peer, prefer: 'pcmu' }, () => scope.isEnded);
      if (!peer) {
        scope.end();
        return;
      }
      scope.adopt(peer);
      const activePlayer = new PcmuPlayer(peer);
      player = activePlayer;
      scope.onEnd(() => activePlayer.stop());
      scope.onEnd(peer.onDigit((key) => press(key, 'rtp')));
      if (!(await peer.connected()) || scope.isEnded) return;
      activePlayer.start();
      send({ type: 'ivr', event: 'menu', menu, options: MENU_OPTIONS[menu] });
      void activePlayer.play(renderTones(PROMPTS.main));
    })();

    return {
      onDtmf: (digits) => {
        for (const key of digits) if (/^[0-9*#A-D]$/i.test(key)) press(key.toUpperCase(), 'signaling');
      },
      onMessage: (message: CallMessage) =>
        send({ type: 'ivr', event: 'reply', menu, received: message.content, options: MENU_OPTIONS[menu] }),
      onEnd: () => scope.end(),
    };
  };
