/**
 * The service's single source of truth. Snapshots are immutable; an update that produces an equal
 * snapshot is dropped, so `state$` emits only real changes (never at the 20 Hz volume rate).
 */
import { BehaviorSubject, type Observable } from 'rxjs';
import { BUS_VERSION, type SoftphoneState } from '../contract/schema';

export function initialSoftphoneState(instance: string): SoftphoneState {
  return {
    v: BUS_VERSION,
    instance,
    device: {
      state: 'initializing',
      identity: null,
      isBusy: false,
      edge: null,
      home: null,
      tokenExpiresAt: null,
      supported: true,
      registrationConfirmedAt: null,
    },
    microphone: { permission: 'unknown' },
    audio: {
      inputs: [],
      outputs: [],
      selectedInput: null,
      selectedOutputs: [],
      selectedRingtoneOutputs: [],
      outputSelectionSupported: false,
    },
    calls: [],
    activeCallSid: null,
    lastError: null,
  };
}

export class StateStore {
  private readonly subject: BehaviorSubject<SoftphoneState>;
  /** Replays the latest snapshot to every new subscriber. */
  readonly state$: Observable<SoftphoneState>;

  constructor(initial: SoftphoneState) {
    this.subject = new BehaviorSubject(initial);
    this.state$ = this.subject.asObservable();
  }

  get(): SoftphoneState {
    return this.subject.getValue();
  }

  update(reducer: (state: SoftphoneState) => SoftphoneState): void {
    if (this.subject.closed) return;
    const previous = this.subject.getValue();
    const next = reducer(previous);
    if (next === previous || JSON.stringify(next) === JSON.stringify(previous)) return;
    this.subject.next(next);
  }

  complete(): void {
    this.subject.complete();
  }
}
