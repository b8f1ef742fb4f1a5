/**
 * `micLevel$`: the microphone level the live Device's AudioHelper measures. Lazy and shared: the
 * AudioHelper polls the level every animation frame while anything listens to `inputVolume`, so the
 * SDK listener exists only while someone subscribes (one listener for all).
 */
import { BehaviorSubject, EMPTY, type Observable } from 'rxjs';
import { share, switchMap } from 'rxjs/operators';
import { inputVolume } from './sdkEvents';
import type { AudioHelperLike } from './sdkTypes';

export class MicLevelSource {
  /** The live Device's AudioHelper; null before the Device exists and after destroy. */
  private readonly audioHelper = new BehaviorSubject<AudioHelperLike | null>(null);
  readonly level$: Observable<number> = this.audioHelper.pipe(
    switchMap((audio) => (audio ? inputVolume(audio) : EMPTY)),
    share(),
  );

  attach(audio: AudioHelperLike | null): void {
    this.audioHelper.next(audio);
  }

  /** Switching to null removes the SDK listener; completing then completes `level$` subscribers. */
  complete(): void {
    this.audioHelper.next(null);
    this.audioHelper.complete();
  }
}
