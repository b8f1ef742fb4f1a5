/**
 * The four streams of a fake SoftphoneService, as the real service has them: `state$` replays the latest state
 * (BehaviorSubject), events and levels are hot, and every stream completes on `complete()`. Each stream counts its
 * live subscriptions, so a test can prove that whoever attached to the service let go of it.
 */
import { BehaviorSubject, Observable, Subject } from 'rxjs';
import type { SoftphoneEvent, SoftphoneState } from '../schema';
import type { CallVolume } from '../service';

export interface SubscriberCounts {
  state: number;
  volume: number;
  micLevel: number;
  events: number;
}

/** `source` seen through an Observable that knows how many subscriptions are open. */
function counted<T>(source: Observable<T>): { observable: Observable<T>; count: () => number } {
  let subscribers = 0;
  const observable = new Observable<T>((subscriber) => {
    subscribers += 1;
    const inner = source.subscribe(subscriber);
    return () => {
      subscribers -= 1;
      inner.unsubscribe();
    };
  });
  return { observable, count: () => subscribers };
}

export class FakeStreams {
  private readonly state: BehaviorSubject<SoftphoneState>;
  private readonly events = new Subject<SoftphoneEvent>();
  private readonly volume = new Subject<CallVolume>();
  private readonly micLevel = new Subject<number>();
  private readonly counted;

  readonly state$: Observable<SoftphoneState>;
  readonly events$: Observable<SoftphoneEvent>;
  readonly volume$: Observable<CallVolume>;
  readonly micLevel$: Observable<number>;

  constructor(initial: SoftphoneState) {
    this.state = new BehaviorSubject(initial);
    this.counted = {
      state: counted(this.state.asObservable()),
      events: counted(this.events.asObservable()),
      volume: counted(this.volume.asObservable()),
      micLevel: counted(this.micLevel.asObservable()),
    };
    this.state$ = this.counted.state.observable;
    this.events$ = this.counted.events.observable;
    this.volume$ = this.counted.volume.observable;
    this.micLevel$ = this.counted.micLevel.observable;
  }

  get current(): SoftphoneState {
    return this.state.getValue();
  }

  nextState(state: SoftphoneState): void {
    this.state.next(state);
  }

  nextEvent(event: SoftphoneEvent): void {
    this.events.next(event);
  }

  nextVolume(sample: CallVolume): void {
    this.volume.next(sample);
  }

  nextMicLevel(level: number): void {
    this.micLevel.next(level);
  }

  subscriberCounts(): SubscriberCounts {
    const { state, volume, micLevel, events } = this.counted;
    return { state: state.count(), volume: volume.count(), micLevel: micLevel.count(), events: events.count() };
  }

  complete(): void {
    this.state.complete();
    this.events.complete();
    this.volume.complete();
    this.micLevel.complete();
  }
}
