/**
 * The call-waiting tone: while a call rings beside an open one, a short double beep on the selected speaker every
 * few seconds (the SDK plays no ringtone while a call is active, and the full ringtone over a conversation would be
 * rude). It starts when such a call appears and stops as soon as none rings any more: accepted, rejected, ignored,
 * or cancelled by its caller.
 */
import type { Observable, Subscription } from 'rxjs';
import type { SoftphoneState } from '../contract/schema';
import { isLive } from './callState';
import type { Timers } from './timers';

/** Plays one double beep on the speaker `sinkId` (null: the default one). */
export interface BeepPlayer {
  doubleBeep(sinkId: string | null): void;
  close(): void;
}

/** How often the double beep repeats while the waiting call rings. */
export const CALL_WAITING_REPEAT_MS = 4_000;

export function hasWaitingCall(state: SoftphoneState): boolean {
  const ringing = state.calls.some((c) => c.direction === 'incoming' && c.status === 'pending');
  return ringing && state.calls.some((c) => isLive(c.status));
}

export class CallWaitingTone {
  private subscription: Subscription | null = null;
  private timer: unknown = null;
  private player: BeepPlayer | null = null;
  private sinkId: string | null = null;

  constructor(
    private readonly timers: Timers,
    private readonly createPlayer: () => BeepPlayer | null,
    private readonly repeatMs = CALL_WAITING_REPEAT_MS,
  ) {}

  watch(state$: Observable<SoftphoneState>): void {
    this.subscription ??= state$.subscribe((state) => {
      this.sinkId = state.audio.selectedOutputs[0] ?? null;
      if (hasWaitingCall(state)) this.start();
      else this.stop();
    });
  }

  get playing(): boolean {
    return this.timer !== null;
  }

  dispose(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.stop();
    this.player?.close();
    this.player = null;
  }

  private start(): void {
    if (this.timer !== null) return;
    this.beep();
  }

  private beep(): void {
    try {
      this.player ??= this.createPlayer();
      this.player?.doubleBeep(this.sinkId);
    } catch {
      // A tone that cannot play (no audio output, autoplay policy) must not break call handling.
    }
    this.timer = this.timers.setTimeout(() => this.beep(), this.repeatMs);
  }

  private stop(): void {
    if (this.timer === null) return;
    this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}

type SinkAudio = HTMLAudioElement & { setSinkId?: (sinkId: string) => Promise<void>; sinkId?: string };

/** Two 440 Hz beeps of 200 ms, 300 ms apart (the usual call-waiting cadence), through an element on `sinkId`. */
export function createWebAudioBeeper(): BeepPlayer | null {
  const AudioContextClass = globalThis.AudioContext;
  if (typeof AudioContextClass !== 'function' || typeof Audio !== 'function') return null;
  let context: AudioContext | null = null;
  let output: MediaStreamAudioDestinationNode | null = null;
  let element: SinkAudio | null = null;
  return {
    doubleBeep(sinkId) {
      context ??= new AudioContextClass();
      output ??= context.createMediaStreamDestination();
      if (!element) {
        element = new Audio() as SinkAudio;
        element.srcObject = output.stream;
      }
      if (sinkId && element.setSinkId && element.sinkId !== sinkId) element.setSinkId(sinkId).catch(() => undefined);
      void element.play().catch(() => undefined);
      void context.resume().catch(() => undefined);
      const start = context.currentTime + 0.05;
      for (const offset of [0, 0.3]) beepAt(context, output, start + offset);
    },
    close() {
      element?.pause();
      if (element) element.srcObject = null;
      void context?.close().catch(() => undefined);
      context = null;
      output = null;
      element = null;
    },
  };
}

function beepAt(context: AudioContext, output: AudioNode, at: number): void {
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.frequency.value = 440;
  gain.gain.setValueAtTime(0, at);
  gain.gain.linearRampToValueAtTime(0.2, at + 0.01);
  gain.gain.setValueAtTime(0.2, at + 0.19);
  gain.gain.linearRampToValueAtTime(0, at + 0.2);
  oscillator.connect(gain).connect(output);
  oscillator.start(at);
  oscillator.stop(at + 0.21);
}
