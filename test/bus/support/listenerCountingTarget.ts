/**
 * A window stand-in that counts its live listeners per event type, so tests can prove that attaching,
 * subscribing and destroying leave nothing behind.
 */
export class ListenerCountingTarget extends EventTarget {
  private readonly live = new Map<string, Set<EventListenerOrEventListenerObject>>();
  addCalls = 0;
  removeCalls = 0;

  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: AddEventListenerOptions | boolean,
  ): void {
    this.addCalls += 1;
    if (listener) {
      const set = this.live.get(type) ?? new Set();
      set.add(listener);
      this.live.set(type, set);
    }
    super.addEventListener(type, listener, options);
  }

  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: EventListenerOptions | boolean,
  ): void {
    this.removeCalls += 1;
    if (listener) this.live.get(type)?.delete(listener);
    super.removeEventListener(type, listener, options);
  }

  listenerCount(type?: string): number {
    if (type !== undefined) return this.live.get(type)?.size ?? 0;
    let total = 0;
    for (const set of this.live.values()) total += set.size;
    return total;
  }

  /** Every detail dispatched as `type` from now on. */
  record(type: string): unknown[] {
    const details: unknown[] = [];
    super.addEventListener(type, (event) => details.push((event as CustomEvent).detail));
    return details;
  }

  send(type: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
