/**
 * Saved microphone, speaker and ringtone choices per identity. The leader re-applies them once the devices are
 * listed (only those that still exist: the others stay on the default and are reported in
 * `audio.savedDeviceMissing`), then saves every later change.
 */
import {
  BehaviorSubject,
  distinctUntilChanged,
  filter,
  first,
  map,
  skip,
  type Observable,
  type Subscription,
} from 'rxjs';
import * as z from 'zod/mini';
import type { SavedDeviceKind } from '../contract/history';
import type { SoftphoneState } from '../contract/schemaState';
import type { SoftphoneCore } from '../contract/service';
import { openDatabase, type SavedAudioChoices } from './database';

const SavedAudioChoicesSchema = z.object({
  identity: z.string(),
  input: z.nullable(z.string()),
  outputs: z.array(z.string()),
  ringtoneOutputs: z.array(z.string()),
});

/** The saved choices, if any readable ones exist (any page of the origin can write the store). */
export async function loadAudioChoices(identity: string): Promise<SavedAudioChoices | undefined> {
  const db = await openDatabase();
  const parsed = SavedAudioChoicesSchema.safeParse(await db.get('settings', identity));
  return parsed.success ? parsed.data : undefined;
}

export async function saveAudioChoices(choices: SavedAudioChoices): Promise<void> {
  const db = await openDatabase();
  await db.put('settings', choices);
}

function choicesOf(identity: string, audio: SoftphoneState['audio']): SavedAudioChoices {
  return {
    identity,
    input: audio.selectedInput,
    outputs: audio.selectedOutputs,
    ringtoneOutputs: audio.selectedRingtoneOutputs,
  };
}

/** Applies the saved choices to `core` and keeps saving; `missing$` lists saved devices that are gone. */
export class AudioChoicesKeeper {
  private readonly missing = new BehaviorSubject<readonly SavedDeviceKind[]>([]);
  readonly missing$: Observable<readonly SavedDeviceKind[]> = this.missing.asObservable();
  private subscriptions: Subscription[] = [];
  private stopped = false;
  private markRestored: () => void = () => undefined;
  /** Settles once the saved choices were applied and later changes are being saved. */
  readonly restored = new Promise<void>((resolve) => (this.markRestored = resolve));

  constructor(private readonly core: SoftphoneCore) {
    const ready = core.state$.pipe(first((s) => s.device.state === 'registered' && s.audio.inputs.length > 0));
    this.subscriptions.push(ready.subscribe({ next: (state) => void this.restore(state), error: () => undefined }));
  }

  stop(): void {
    this.stopped = true;
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.missing.complete();
  }

  private async restore(state: SoftphoneState): Promise<void> {
    const saved = await loadAudioChoices(this.core.instance).catch(() => undefined);
    if (this.stopped) return;
    if (saved) await this.apply(saved, state);
    if (this.stopped) return;
    this.subscriptions.push(
      this.core.state$
        .pipe(
          filter((s) => s.device.state !== 'destroyed'),
          map((s) => choicesOf(this.core.instance, s.audio)),
          distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
          // The selection as restored (or the default standing in for a missing device) is not a new choice.
          skip(1),
        )
        .subscribe({
          next: (choices) => void saveAudioChoices(choices).catch(() => undefined),
          error: () => undefined,
        }),
    );
    this.markRestored();
  }

  private async apply(saved: SavedAudioChoices, state: SoftphoneState): Promise<void> {
    const { audio } = state;
    const missing: SavedDeviceKind[] = [];
    const has = (list: SoftphoneState['audio']['inputs'], id: string) => list.some((d) => d.deviceId === id);
    const attempt = (run: () => Promise<void>) => run().catch(() => undefined);
    if (saved.input !== null && saved.input !== audio.selectedInput) {
      if (has(audio.inputs, saved.input)) await attempt(() => this.core.setInputDevice(saved.input as string));
      else missing.push('input');
    }
    if (audio.outputSelectionSupported) {
      const outputs = saved.outputs.filter((id) => has(audio.outputs, id));
      if (outputs.length < saved.outputs.length) missing.push('output');
      if (outputs.length > 0) await attempt(() => this.core.setOutputDevice(outputs));
      const ringtone = saved.ringtoneOutputs.filter((id) => has(audio.outputs, id));
      if (ringtone.length < saved.ringtoneOutputs.length) missing.push('ringtone');
      if (ringtone.length > 0) await attempt(() => this.core.setRingtoneDevice(ringtone));
    }
    if (!this.stopped) this.missing.next(missing);
  }
}
