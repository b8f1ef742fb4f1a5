// Page-side resource counters for the leak benchmark (instrumentation of the page, not of the product): live
// event listeners, pending timeouts, active intervals, pending animation frames, observers still observing.
// Must be imported before anything else so every later addEventListener/setTimeout goes through it.

/** "type|capture" of one registration; a listener may be registered for several. */
type Registration = string;
// Weak by target: a listener on an element that is gone (and collected) is not a leak, and counting must not keep
// it alive. Per target, registrations are kept by the listener itself (the target holds it strongly anyway), so
// no table of every listener function ever added (a WeakMap that never shrinks back) grows with the cycles.
const listeners = new WeakMap<EventTarget, Map<unknown, Set<Registration>>>();
const targets = new Set<WeakRef<EventTarget>>();
/** Delay and creation site of each pending timeout, when `traceTimers` is on (diagnostics). */
const timerSites = new Map<number, string>();
let traceTimers = false;
const pendingTimeouts = new Set<number>();
const activeIntervals = new Set<number>();
const pendingFrames = new Set<number>();
let liveObservers = 0;

const registrationOf = (type: string, options?: boolean | EventListenerOptions): Registration => {
  const capture = typeof options === 'boolean' ? options : Boolean(options?.capture);
  return `${type}|${capture}`;
};
const countOf = (perTarget: Map<unknown, Set<Registration>> | undefined): number => {
  let n = 0;
  for (const registrations of perTarget?.values() ?? []) n += registrations.size;
  return n;
};

const proto = EventTarget.prototype;
const nativeAdd = proto.addEventListener;
const nativeRemove = proto.removeEventListener;
proto.addEventListener = function add(
  this: EventTarget,
  type: string,
  listener: EventListenerOrEventListenerObject | null,
  options?: boolean | AddEventListenerOptions,
) {
  // A bare `addEventListener(...)` call (no receiver) is the global object's, as the DOM binding reads it.
  const target: EventTarget = this ?? globalThis;
  // `once` listeners remove themselves after firing: not counted.
  if (listener && !(typeof options === 'object' && options.once)) {
    let perTarget = listeners.get(target);
    if (!perTarget) {
      perTarget = new Map();
      listeners.set(target, perTarget);
      targets.add(new WeakRef(target));
    }
    let registrations = perTarget.get(listener);
    if (!registrations) perTarget.set(listener, (registrations = new Set()));
    registrations.add(registrationOf(type, options)); // the DOM ignores duplicate registrations too
  }
  return nativeAdd.call(target, type, listener, options);
};
proto.removeEventListener = function remove(
  this: EventTarget,
  type: string,
  listener: EventListenerOrEventListenerObject | null,
  options?: boolean | EventListenerOptions,
) {
  const target: EventTarget = this ?? globalThis;
  const perTarget = listeners.get(target);
  const registrations = perTarget?.get(listener);
  registrations?.delete(registrationOf(type, options));
  if (registrations?.size === 0) perTarget?.delete(listener);
  return nativeRemove.call(target, type, listener, options);
};

// Formatting a stack trace makes V8 build the script's line-end table once (about 0.2 MB for the 2.6 MB page
// bundle). Timer tracing formats stacks from the baseline on: build the table now, so it is not read as growth.
void new Error('line-end table').stack;

const nativeSetTimeout = window.setTimeout.bind(window);
const nativeClearTimeout = window.clearTimeout.bind(window);
const nativeSetInterval = window.setInterval.bind(window);
const nativeClearInterval = window.clearInterval.bind(window);
const nativeRaf = window.requestAnimationFrame.bind(window);
const nativeCaf = window.cancelAnimationFrame.bind(window);

window.setTimeout = ((handler: TimerHandler, timeout?: number, ...args: unknown[]) => {
  const id: number = nativeSetTimeout(
    (...xs: unknown[]) => {
      pendingTimeouts.delete(id);
      timerSites.delete(id);
      if (typeof handler === 'function') (handler as (...a: unknown[]) => void)(...xs);
    },
    timeout,
    ...args,
  );
  pendingTimeouts.add(id);
  if (traceTimers)
    timerSites.set(
      id,
      `${timeout ?? 0} ms ${new Error().stack
        ?.split('\n')
        .slice(2, 5)
        .map((l) => l.trim())
        .join(' < ')}`,
    );
  return id;
}) as typeof window.setTimeout;
window.clearTimeout = ((id?: number) => {
  if (id !== undefined) {
    pendingTimeouts.delete(id);
    timerSites.delete(id);
  }
  nativeClearTimeout(id);
}) as typeof window.clearTimeout;
window.setInterval = ((handler: TimerHandler, timeout?: number, ...args: unknown[]) => {
  const id = nativeSetInterval(handler, timeout, ...args);
  activeIntervals.add(id);
  return id;
}) as typeof window.setInterval;
window.clearInterval = ((id?: number) => {
  if (id !== undefined) activeIntervals.delete(id);
  nativeClearInterval(id);
}) as typeof window.clearInterval;
window.requestAnimationFrame = (callback: FrameRequestCallback) => {
  const id = nativeRaf((time) => {
    pendingFrames.delete(id);
    callback(time);
  });
  pendingFrames.add(id);
  return id;
};
window.cancelAnimationFrame = (id: number) => {
  pendingFrames.delete(id);
  nativeCaf(id);
};

function trackObserver<T extends { observe: unknown; disconnect(): void }>(Native: new (...args: never[]) => T): void {
  const observing = new WeakSet<object>();
  const nativeObserve = Native.prototype.observe as (...args: unknown[]) => void;
  const nativeDisconnect = Native.prototype.disconnect as () => void;
  Native.prototype.observe = function observe(this: T, ...args: unknown[]) {
    if (!observing.has(this)) {
      observing.add(this);
      liveObservers += 1;
    }
    return nativeObserve.apply(this, args);
  };
  Native.prototype.disconnect = function disconnect(this: T) {
    if (observing.delete(this)) liveObservers -= 1;
    return nativeDisconnect.call(this);
  };
}
trackObserver(MutationObserver);
trackObserver(ResizeObserver);
trackObserver(IntersectionObserver);

/** Live listeners: on targets that still exist (after GC, collected targets drop out). */
function countListeners(): number {
  let live = 0;
  for (const ref of targets) {
    const target = ref.deref();
    if (!target) {
      targets.delete(ref);
      continue;
    }
    live += countOf(listeners.get(target));
  }
  return live;
}

/** Live listeners by "target event-type" (e.g. "Window softphone:command"), to name what a leak is made of. */
export function listenersByTarget(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const ref of targets) {
    const target = ref.deref();
    if (!target) continue;
    const name = target instanceof Element ? target.tagName.toLowerCase() : target.constructor.name;
    for (const registrations of listeners.get(target)?.values() ?? []) {
      for (const registration of registrations) {
        const label = `${name} ${registration.split('|')[0]}`;
        out[label] = (out[label] ?? 0) + 1;
      }
    }
  }
  return out;
}

/** Diagnostics: record where each timeout is created, to name the ones still pending. */
export function setTraceTimers(on: boolean): void {
  traceTimers = on;
}

/** The creation sites of pending traced timeouts, most frequent first. */
export function pendingTimerSites(): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const [id, site] of timerSites) if (pendingTimeouts.has(id)) counts.set(site, (counts.get(site) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
}

export interface ResourceSnapshot {
  listeners: number;
  timeouts: number;
  intervals: number;
  animationFrames: number;
  observers: number;
  domNodes: number;
  styleElements: number;
  /** usedJSHeapSize after a forced full GC (bytes); NaN without --expose-gc / precise memory info. */
  heapBytes: number;
}

type GcOptions = { type: 'major'; execution: 'async' };
/** V8's exposed gc(); with `execution: 'async'` it returns a promise. */
const exposedGc = (globalThis as { gc?: (options?: GcOptions) => Promise<void> | void }).gc;

/**
 * A full GC run in a task of its own (V8's `execution: 'async'`), not from inside this JS: a GC called with a JS
 * stack below it scans Blink's native stack conservatively, so a stale stack word can keep an unmounted root alive
 * for that one reading (one root's ~142 listeners seen at a reading, gone at the next with no detached tree in a
 * heap snapshot taken right after it).
 */
async function collectGarbage(): Promise<void> {
  await exposedGc?.({ type: 'major', execution: 'async' });
}

/**
 * Counts live resources after `settleMs` (bounded timers such as single-spa's 3–4 s lifecycle watchdogs hold
 * references until they fire), forcing garbage collection first (needs Chromium's `--js-flags=--expose-gc`).
 */
export async function snapshot(settleMs = 50): Promise<ResourceSnapshot> {
  await new Promise((resolve) => nativeSetTimeout(resolve, settleMs));
  await collectGarbage();
  await collectGarbage();
  // Counting drops the WeakRefs of collected targets (the counter's own bookkeeping, one per element that ever had
  // a listener); collect them too before reading the heap, so the instrumentation does not count as a leak.
  const listeners = countListeners();
  await collectGarbage();
  const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return {
    listeners,
    timeouts: pendingTimeouts.size,
    intervals: activeIntervals.size,
    animationFrames: pendingFrames.size,
    observers: liveObservers,
    domNodes: document.getElementsByTagName('*').length,
    styleElements: document.querySelectorAll('style').length,
    heapBytes: exposedGc && memory ? memory.usedJSHeapSize : Number.NaN,
  };
}
