/**
 * What the service publishes: the state snapshots (`state$`), the SDK events (`events$`) and the
 * per-call audio levels (`volume$`). Collaborators write through here; nobody else owns a Subject.
 */
import { Subject, type Observable } from 'rxjs';
import { BUS_VERSION, type SoftphoneEvent, type SoftphoneState } from '../contract/schema';
import type { CallVolume } from '../contract/service';
import { initialSoftphoneState } from '../contract/initialState';
import { StateStore } from './stateStore';

/** An event as a collaborator raises it; the envelope (`v`, `instance`, `at`) is added here. */
export type EventPayload = Omit<SoftphoneEvent, 'v' | 'instance' | 'at'>;

export class ServiceOutputs {
  readonly store: StateStore;
  readonly state$: Observable<SoftphoneState>;
  readonly events$: Observable<SoftphoneEvent>;
  readonly volume$: Observable<CallVolume>;
  private readonly events = new Subject<SoftphoneEvent>();
  private readonly volumes = new Subject<CallVolume>();

  constructor(
    private readonly instance: string,
    private readonly now: () => number,
  ) {
    this.store = new StateStore(initialSoftphoneState(instance));
    this.state$ = this.store.state$;
    this.events$ = this.events.asObservable();
    this.volume$ = this.volumes.asObservable();
  }

  update(reducer: (state: SoftphoneState) => SoftphoneState): void {
    this.store.update(reducer);
  }

  emit(event: EventPayload): void {
    if (this.events.closed) return;
    this.events.next({ v: BUS_VERSION, instance: this.instance, at: this.now(), ...event } as SoftphoneEvent);
  }

  publishVolume(volume: CallVolume): void {
    this.volumes.next(volume);
  }

  /** Completes every stream; subscribers see `complete`, later writes are dropped. */
  complete(): void {
    this.store.complete();
    this.events.complete();
    this.volumes.complete();
  }
}
