/**
 * The bus client's validators (busValidators.ts) load on first use, off the module entry: a client starts the
 * import when it is created, and whatever arrives before the chunk is there waits, in arrival order, until it can
 * be validated. Nothing is ever delivered unchecked: if the chunk fails to load, the waiting messages are dropped
 * (their commands time out) and the next message tries again.
 */
import { listen, type BusTarget } from './transport';
import type { BusEventName } from '../contract/busEvents';

export type BusValidators = typeof import('./busValidators');

let loaded: BusValidators | null = null;
let loading: Promise<BusValidators> | null = null;

export function loadBusValidators(): Promise<BusValidators> {
  loading ??= import(/* webpackChunkName: "bus-validators" */ './busValidators').then(
    (validators) => (loaded = validators),
    (error: unknown) => {
      loading = null; // a later message retries a chunk that failed to load
      throw error;
    },
  );
  return loading;
}

/** The loaded validators; only for code that runs behind `validatedHandler` (it throws before the load). */
export function busValidators(): BusValidators {
  if (!loaded) throw new Error('The bus validators are not loaded yet.');
  return loaded;
}

export interface ValidatedHandler {
  /** Hands `input` to the handler now if the validators are loaded, else once they are (in arrival order). */
  accept(input: unknown): void;
  /** Drops what is still waiting; later inputs are ignored. */
  cancel(): void;
}

/** Wraps `handler` (which may call busValidators()) so that it only ever runs with the validators loaded. */
export function validatedHandler(handler: (input: unknown) => void): ValidatedHandler {
  let waiting: unknown[] = [];
  let cancelled = false;
  let draining = false;
  let scheduled = false;
  // What arrives while draining (a handler may publish, and a host answer at once) queues behind the rest.
  const drain = (): void => {
    scheduled = false;
    draining = true;
    try {
      while (waiting.length > 0 && !cancelled) handler(waiting.shift());
    } finally {
      draining = false;
    }
  };
  const schedule = (): void => {
    scheduled = true;
    loadBusValidators().then(drain, () => {
      scheduled = false;
      waiting = []; // cannot be validated: dropped, never delivered unchecked
    });
  };
  return {
    accept(input) {
      if (cancelled) return;
      if (loaded && !draining && !scheduled && waiting.length === 0) return handler(input);
      waiting.push(input);
      if (!draining && !scheduled) schedule();
    },
    cancel() {
      cancelled = true;
      waiting = [];
    },
  };
}

/** `listen`, with each detail handed to `handler` only once the validators are loaded. Returns the remover. */
export function listenValidated(bus: BusTarget, name: BusEventName, handler: (detail: unknown) => void): () => void {
  const gate = validatedHandler(handler);
  const stop = listen(bus, name, (detail) => gate.accept(detail));
  return () => {
    gate.cancel();
    stop();
  };
}
