/**
 * The client's observables over window events: one window listener per event however many subscribers,
 * present only while someone subscribes, and state replayed to late subscribers.
 */
import { Observable, type Subscriber } from 'rxjs';
import { BUS_VERSION, BusEvents } from '../contract/busEvents';
import type { SoftphoneEvent } from '../contract/schemaEvent';
import type { SoftphoneState } from '../contract/schemaState';
import { busValidators, listenValidated } from './lazyValidators';
import { publish, type BusTarget } from './transport';

export interface ClosableStream<T> {
  readonly stream: Observable<T>;
  /** Completes every subscriber and removes the listener; later subscribers complete at once. */
  close(): void;
}

interface StreamHooks<T> {
  /** The window listener was added (first subscriber) / removed (last one gone, or closed). */
  onListen?: () => void;
  onEmpty?: () => void;
  onSubscribe?: (subscriber: Subscriber<T>) => void;
}

/**
 * Every client on the page listens to the same event and reads the same `detail` object: validate (and
 * serialise, for the state's duplicate check) each detail once per page, not once per client, so fan-out to
 * many clients costs one parse. The result is frozen because all clients now share it.
 */
function parsedOncePerDetail<T>(parse: (detail: unknown) => T | undefined): (detail: unknown) => T | undefined {
  const seen = new WeakMap<object, { value: T | undefined }>();
  return (detail) => {
    if (typeof detail !== 'object' || detail === null) return parse(detail);
    let entry = seen.get(detail);
    if (!entry) {
      entry = { value: deepFreeze(parse(detail)) };
      seen.set(detail, entry);
    }
    return entry.value;
  };
}

/** Freezes in place without allocating (no Object.values per node): the state is walked once per publish. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) deepFreeze(value[i]);
  } else {
    const record = value as Record<string, unknown>;
    for (const key in record) deepFreeze(record[key]);
  }
  return Object.freeze(value);
}

const parseEvent = parsedOncePerDetail((detail) => {
  const parsed = busValidators().SoftphoneEventSchema.safeParse(detail);
  return parsed.success ? parsed.data : undefined;
});

interface ParsedState {
  state: SoftphoneState;
  json: string;
}

/**
 * The last parsed state of each instance on this page, while any state stream listens: a snapshot equal to it
 * (the answer to another client's state request) parses to that same object, so each client tells a repeat by
 * identity instead of comparing JSON.
 */
const lastParsedState = new Map<string, ParsedState>();
let listeningStateStreams = 0;

const parseState = parsedOncePerDetail((detail): ParsedState | undefined => {
  const parsed = busValidators().SoftphoneStateSchema.safeParse(detail);
  if (!parsed.success) return undefined;
  const json = JSON.stringify(parsed.data);
  const last = lastParsedState.get(parsed.data.instance);
  if (last?.json === json) return last;
  const entry = { state: parsed.data, json };
  lastParsedState.set(parsed.data.instance, entry);
  return entry;
});

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
  /** Who gets the next value: a copy kept until someone (un)subscribes, not one per delivered value. */
  let receivers: Array<Subscriber<T>> | null = null;
  let stopListening: (() => void) | undefined;
  let closed = false;
  const deliver = (value: T): void => {
    receivers ??= [...subscribers];
    for (const subscriber of receivers) subscriber.next(value);
  };

  const stream = new Observable<T>((subscriber) => {
    if (closed) {
      subscriber.complete();
      return undefined;
    }
    subscribers.add(subscriber);
    receivers = null;
    if (!stopListening) {
      // Details wait for the lazily loaded validators (lazyValidators.ts) before they are parsed.
      stopListening = listenValidated(bus, name, (detail) => {
        const value = accept(detail);
        if (value !== undefined) deliver(value);
      });
      hooks.onListen?.();
    }
    hooks.onSubscribe?.(subscriber);
    return () => {
      subscribers.delete(subscriber);
      receivers = null;
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
      receivers = null;
      if (stopListening) {
        stopListening();
        stopListening = undefined;
        hooks.onEmpty?.();
      }
      all.forEach((s) => s.complete());
    },
  };
}

/** Validated Device and Call events: `target`'s only when set. */
export function createEventStream(bus: BusTarget, target: string | undefined): ClosableStream<SoftphoneEvent> {
  return createRefCountedStream<SoftphoneEvent>(bus, BusEvents.event, (detail) => {
    const event = parseEvent(detail);
    return event && isFor(target, event.instance) ? event : undefined;
  });
}

/**
 * State with replay: the latest state of each instance is cached while anyone listens; a new subscriber
 * gets the cache at once and then a `softphone:state-request` refreshes it. Identical snapshots of an
 * instance (the answer to another subscriber's request) are not delivered twice.
 */
export function createStateStream(bus: BusTarget, target: string | undefined): ClosableStream<SoftphoneState> {
  const latest = new Map<string, ParsedState>();
  const accept = (detail: unknown): SoftphoneState | undefined => {
    const parsed = parseState(detail);
    if (!parsed || !isFor(target, parsed.state.instance)) return undefined;
    // Equal snapshots parse to the same object (see lastParsedState); JSON decides only across that.
    const seen = latest.get(parsed.state.instance);
    if (seen === parsed || seen?.json === parsed.json) return undefined;
    latest.set(parsed.state.instance, parsed);
    return parsed.state;
  };
  return createRefCountedStream<SoftphoneState>(bus, BusEvents.state, accept, {
    onListen: () => {
      listeningStateStreams += 1;
    },
    onEmpty: () => {
      latest.clear();
      listeningStateStreams -= 1;
      // Nobody on the page listens: keep no state of softphones that may be gone for good.
      if (listeningStateStreams === 0) lastParsedState.clear();
    },
    onSubscribe: (subscriber) => {
      for (const { state } of latest.values()) subscriber.next(state);
      publish(bus, BusEvents.stateRequest, target === undefined ? { v: BUS_VERSION } : { v: BUS_VERSION, target });
    },
  });
}
