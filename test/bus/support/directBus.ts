/**
 * A BusTarget that calls listeners directly instead of through EventTarget, so an exception thrown by
 * a listener reaches the dispatcher (EventTarget would swallow and report it). Used to prove that no
 * input makes the host throw.
 */
import type { BusTarget } from '../../../src/bus/transport';

export class DirectBus implements BusTarget {
  private readonly listeners = new Map<string, Set<(event: Event) => void>>();

  addEventListener(type: string, listener: (event: Event) => void): void {
    const set = this.listeners.get(type) ?? new Set();
    set.add(listener);
    this.listeners.set(type, set);
  }

  removeEventListener(type: string, listener: (event: Event) => void): void {
    this.listeners.get(type)?.delete(listener);
  }

  dispatchEvent(event: Event): boolean {
    for (const listener of [...(this.listeners.get(event.type) ?? [])]) listener(event);
    return true;
  }

  listenerCount(): number {
    let total = 0;
    for (const set of this.listeners.values()) total += set.size;
    return total;
  }
}
