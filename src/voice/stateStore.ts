/**
 * The service's single source of truth. Snapshots are immutable; an update that produces an equal
 * snapshot is dropped, so `state$` emits only real changes (never at the 20 Hz volume rate).
 */
import { BehaviorSubject, type Observable } from 'rxjs';
import type { SoftphoneState } from '../contract/schema';

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
