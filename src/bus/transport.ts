/**
 * Window transport of the bus: typed helpers over anything that dispatches and listens like a `Window`.
 *
 * Outgoing `detail` is always a JSON snapshot, so no live object, function or prototype of ours leaks into
 * another app (and later mutations of our objects cannot change what a listener already received).
 * Incoming `detail` is `unknown` until the caller validates it.
 */
import { BusEvents, type BusEventName } from '../contract/busEvents';
import type { Command } from '../contract/schemaCommand';
import type { SoftphoneEvent } from '../contract/schemaEvent';
import type { Reply, StateRequest } from '../contract/schemaReply';
import type { SoftphoneState } from '../contract/schemaState';

/** The part of `Window` the bus needs: a real window, an iframe's window, any EventTarget or a test double. */
export interface BusTarget {
  dispatchEvent(event: Event): boolean;
  addEventListener(type: string, listener: (event: Event) => void): void;
  removeEventListener(type: string, listener: (event: Event) => void): void;
}

/** What each bus event carries when *we* publish it. */
export interface BusDetailMap {
  [BusEvents.command]: Command;
  [BusEvents.reply]: Reply;
  [BusEvents.state]: SoftphoneState;
  [BusEvents.stateRequest]: StateRequest;
  [BusEvents.event]: SoftphoneEvent;
}

/** Thrown when a value cannot cross the bus as JSON (cycles, BigInt, a toJSON that throws...). */
export class NotSerializableError extends Error {
  override readonly name = 'NotSerializableError';
}

/**
 * Deep-copies `value` through JSON: functions and `undefined` fields disappear, Dates become strings,
 * class instances become plain objects. Throws `NotSerializableError` when JSON cannot represent it.
 */
export function toWireData(value: unknown): unknown {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (cause) {
    throw new NotSerializableError(`Value cannot be sent over the bus: ${String(cause)}`);
  }
  // JSON.stringify returns undefined for undefined, functions and symbols: nothing to send.
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

export function defaultBusTarget(): BusTarget {
  if (typeof window === 'undefined') throw new Error('No window: pass a bus target explicitly.');
  return window;
}

/** Uses the target's own CustomEvent constructor when it has one (iframes), else the current realm's. */
function customEventFor(target: BusTarget): typeof CustomEvent {
  const own = (target as { CustomEvent?: unknown }).CustomEvent;
  return typeof own === 'function' ? (own as typeof CustomEvent) : CustomEvent;
}

/** Dispatches `name` with a JSON snapshot of `detail`. Throws `NotSerializableError` before dispatching if it cannot be copied. */
export function publish<N extends BusEventName>(target: BusTarget, name: N, detail: BusDetailMap[N]): void {
  const snapshot = toWireData(detail);
  const EventCtor = customEventFor(target);
  target.dispatchEvent(new EventCtor(name, { detail: snapshot }));
}

/**
 * Calls `handler` with the raw, unvalidated `detail` of every `name` event. Returns the function that
 * removes the listener (calling it twice is harmless).
 */
export function listen(target: BusTarget, name: BusEventName, handler: (detail: unknown) => void): () => void {
  const listener = (event: Event): void => {
    handler(readDetail(event));
  };
  target.addEventListener(name, listener);
  let removed = false;
  return () => {
    if (removed) return;
    removed = true;
    target.removeEventListener(name, listener);
  };
}

/** A sibling may dispatch a plain `Event`, or a CustomEvent whose `detail` getter throws: both read as undefined. */
function readDetail(event: Event): unknown {
  try {
    return (event as { detail?: unknown }).detail;
  } catch {
    return undefined;
  }
}
