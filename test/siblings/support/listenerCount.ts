/** Counts the listeners a test subject adds to and removes from `window`, per event name. */
export function trackWindowListeners(): { active(name?: string): number; restore(): void } {
  const active = new Map<string, number>();
  const add = jest.spyOn(window, 'addEventListener');
  const remove = jest.spyOn(window, 'removeEventListener');
  add.mockImplementation(function (
    this: Window,
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ) {
    active.set(type, (active.get(type) ?? 0) + 1);
    return EventTarget.prototype.addEventListener.call(this, type, listener, options);
  } as typeof window.addEventListener);
  remove.mockImplementation(function (
    this: Window,
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ) {
    active.set(type, (active.get(type) ?? 0) - 1);
    return EventTarget.prototype.removeEventListener.call(this, type, listener, options);
  } as typeof window.removeEventListener);
  return {
    active: (name) => (name === undefined ? [...active.values()].reduce((a, b) => a + b, 0) : (active.get(name) ?? 0)),
    restore: () => {
      add.mockRestore();
      remove.mockRestore();
    },
  };
}
