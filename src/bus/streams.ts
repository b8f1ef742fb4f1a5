/**
 * The client's observables over window events: one window listener per event however many subscribers,
 * present only while someone subscribes, and state replayed to late subscribers.
 */
import { Observable, type Subscriber } from 'rxjs';
import { BUS_VERSION, BusEvents } from '../contract/busEvents';
import { SoftphoneEventSchema, type SoftphoneEvent } from '../contract/schemaEvent';
import { SoftphoneStateSchema, type SoftphoneState } from '../contract/schemaState';
import { listen, publish, type BusTarget } from './transport';

export interface ClosableStream<T> {
  readonly stream: Observable<T>;
  /** Completes every subscriber and removes the listener; later subscribers complete at once. */
  close(): void;
}

interface StreamHooks<T> {
  onEmpty?: () => void;
  onSubscribe?: (subscriber: Subscriber<T>) => void;
}

/** A client without a target hears every softphone on the page. */
function isFor(target: string | undefined, instance: string): boolean {
  return target === undefined || instance === target;
}

/**
 * An observable that listens to one bus event only while it has subscribers (one window listener
 * shared by all of them) and completes everyone on close.
 */
function createRefCountedStream<T>(
  bus: BusTarget,
  name: typeof BusEvents.event | typeof BusEvents.state,
  accept: (detail: unknown) => T | undefined,
  hooks: StreamHooks<T> = {},
): ClosableStream<T> {
  const subscribers = new Set<Subscriber<T>>();
  let stopListening: (() => void) | undefined;
  let closed = false;

  const stream = new Observable<T>((subscriber) => {
    if (closed) {
      subscriber.complete();
      return undefined;
    }
    subscribers.add(subscriber);
    stopListening ??= listen(bus, name, (detail) => {
      const value = accept(detail);
      if (value !== undefined) [...subscribers].forEach((s) => s.next(value));
    });
    hooks.onSubscribe?.(subscriber);
    return () => {
      subscribers.delete(subscriber);
      if (subscribers.size === 0 && stopListening) {
        stopListening();
        stopListening = undefined;
        hooks.onEmpty?.();
      }
    };
  });

  return {
    stream,
    close: () => {
      closed = true;
      const all = [...subscribers];
      subscribers.clear();
      stopListening?.();
      stopListening = undefined;
      hooks.onEmpty?.();
      all.forEach((s) => s.complete());
    },
  };
}

/** Validated Device and Call events: `target`'s only when set. */
export function createEventStream(bus: BusTarget, target: string | undefined): ClosableStream<SoftphoneEvent> {
  return createRefCountedStream<SoftphoneEvent>(bus, BusEvents.event, (detail) => {
    const parsed = SoftphoneEventSchema.safeParse(detail);
    return parsed.success && isFor(target, parsed.data.instance) ? parsed.data : undefined;
  });
}

/**
 * State with replay: the latest state of each instance is cached while anyone listens; a new subscriber
 * gets the cache at once and then a `softphone:state-request` refreshes it. Identical snapshots of an
 * instance (the answer to another subscriber's request) are not delivered twice.
 */
export function createStateStream(bus: BusTarget, target: string | undefined): ClosableStream<SoftphoneState> {
  const latest = new Map<string, { state: SoftphoneState; json: string }>();
  const accept = (detail: unknown): SoftphoneState | undefined => {
    const parsed = SoftphoneStateSchema.safeParse(detail);
    if (!parsed.success || !isFor(target, parsed.data.instance)) return undefined;
    const json = JSON.stringify(parsed.data);
    if (latest.get(parsed.data.instance)?.json === json) return undefined;
    latest.set(parsed.data.instance, { state: parsed.data, json });
    return parsed.data;
  };
  return createRefCountedStream<SoftphoneState>(bus, BusEvents.state, accept, {
    onEmpty: () => latest.clear(),
    onSubscribe: (subscriber) => {
      for (const { state } of latest.values()) subscriber.next(state);
      publish(bus, BusEvents.stateRequest, target === undefined ? { v: BUS_VERSION } : { v: BUS_VERSION, target });
    },
  });
}
