/**
 * Selects the default microphone on a fresh Device unless one is selected already, so that
 * `selectedInput` names the microphone in use and the AudioHelper measures its level. Runs in the
 * background; a failure becomes a transient lastError.
 */
import { EMPTY, from, of, type Subscription } from 'rxjs';
import { filter, switchMap, take } from 'rxjs/operators';
import { pickDefaultInput, readAudioState } from './audioState';
import { toLastError } from './errors';
import { audioDeviceChanges } from './sdkEvents';
import type { AudioHelperLike } from './sdkTypes';
import type { StateStore } from './stateStore';

export interface DefaultInputDeps {
  store: StateStore;
  now: () => number;
  /** The live Device's AudioHelper, if there is one. */
  currentAudio: () => AudioHelperLike | null;
}

export class DefaultInputSelection {
  private pending: Subscription | null = null;

  constructor(private readonly deps: DefaultInputDeps) {}

  start(): void {
    const audio = this.deps.currentAudio();
    if (!audio || audio.inputDevice || this.pending) return;
    const { store, now } = this.deps;
    // The AudioHelper enumerates devices asynchronously after the Device is created and rejects ids
    // it has not seen yet: wait until it knows an input. (Its first `deviceChange` may come from the
    // outputs, which it updates before the inputs.)
    const hasInputs = (): boolean => audio.availableInputDevices.size > 0;
    const enumerated$ = hasInputs() ? of(undefined) : audioDeviceChanges(audio).pipe(filter(hasInputs), take(1));
    const subscription = enumerated$
      .pipe(
        switchMap(() => {
          const deviceId = pickDefaultInput(audio);
          // The user may have chosen a microphone meanwhile: never override that choice.
          return deviceId === null || audio.inputDevice ? EMPTY : from(audio.setInputDevice(deviceId));
        }),
      )
      .subscribe({
        next: () => store.update((s) => ({ ...s, audio: readAudioState(audio, s.audio) })),
        error: (error: unknown) => {
          this.pending = null;
          store.update((s) => ({
            ...s,
            lastError: { ...toLastError(error, { source: 'audio', at: now() }), severity: 'transient' },
          }));
        },
        complete: () => {
          this.pending = null;
        },
      });
    this.pending = subscription.closed ? null : subscription;
  }

  /** Abandons a selection still waiting for the AudioHelper. */
  cancel(): void {
    this.pending?.unsubscribe();
    this.pending = null;
  }
}
