/** The gateway's shared timers: one heartbeat wheel and one deadline queue for every signalling socket. */
import { DeadlineQueue } from '../../../server/gateway/deadlineQueue';
import { HeartbeatWheel } from '../../../server/gateway/heartbeatWheel';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('HeartbeatWheel', () => {
  test('each member beats once per period, starting one period after it joined, on a single timer', () => {
    const wheel = new HeartbeatWheel(1000);
    const beats: Record<string, number[]> = { a: [], b: [] };
    const member = (name: string) => ({ beat: () => beats[name]?.push(Date.now()) });
    const start = Date.now();
    const a = member('a');
    wheel.add(a);
    jest.advanceTimersByTime(300);
    const b = member('b');
    wheel.add(b);
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(3000);
    const offsets = (name: string) => (beats[name] ?? []).map((t) => t - start);
    // a joined at 0: beats at 1000, 2000, 3000 (within one tick of 50 ms).
    expect(offsets('a')).toHaveLength(3);
    offsets('a').forEach((t, i) => expect(Math.abs(t - (i + 1) * 1000)).toBeLessThanOrEqual(50));
    // b joined at 300: beats at 1300, 2300, 3300 - 1 tick.
    expect(offsets('b')).toHaveLength(3);
    offsets('b').forEach((t, i) => expect(Math.abs(t - (300 + (i + 1) * 1000))).toBeLessThanOrEqual(50));
    wheel.remove(a);
    wheel.remove(b);
    expect(wheel.size).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  test('a removed member beats no more', () => {
    const wheel = new HeartbeatWheel(100);
    const beat = jest.fn();
    const other = { beat: jest.fn() };
    wheel.add({ beat });
    wheel.add(other);
    jest.advanceTimersByTime(100);
    expect(beat).toHaveBeenCalledTimes(1);
    wheel.remove(other);
    jest.advanceTimersByTime(300);
    expect(other.beat).toHaveBeenCalledTimes(1);
    expect(beat).toHaveBeenCalledTimes(4);
    wheel.stop();
  });
});

describe('DeadlineQueue', () => {
  test('runs deadlines in time order on one timer, skipping cancelled ones', () => {
    const queue = new DeadlineQueue();
    const ran: string[] = [];
    const now = Date.now();
    queue.schedule(now + 300, () => ran.push('c'));
    queue.schedule(now + 100, () => ran.push('a'));
    const b = queue.schedule(now + 200, () => ran.push('b'));
    queue.schedule(now + 200, () => ran.push('b2'));
    expect(jest.getTimerCount()).toBe(1);
    b.cancel();
    b.cancel();
    expect(queue.size).toBe(3);
    jest.advanceTimersByTime(99);
    expect(ran).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(ran).toEqual(['a']);
    jest.advanceTimersByTime(200);
    expect(ran).toEqual(['a', 'b2', 'c']);
    expect(queue.size).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  test('an earlier deadline re-arms the timer; a past one runs on the next turn', () => {
    const queue = new DeadlineQueue();
    const ran: string[] = [];
    const now = Date.now();
    queue.schedule(now + 10_000, () => ran.push('late'));
    queue.schedule(now + 50, () => ran.push('early'));
    queue.schedule(now - 5, () => ran.push('past'));
    jest.advanceTimersByTime(0);
    expect(ran).toEqual(['past']);
    jest.advanceTimersByTime(50);
    expect(ran).toEqual(['past', 'early']);
    jest.advanceTimersByTime(10_000);
    expect(ran).toEqual(['past', 'early', 'late']);
  });

  test('deadlines beyond setTimeout range wait, and many cancellations are compacted away', () => {
    const queue = new DeadlineQueue();
    const far = jest.fn();
    queue.schedule(Date.now() + 2 ** 31 + 1000, far);
    const handles = Array.from({ length: 200 }, (_, i) => queue.schedule(Date.now() + 1000 + i, () => undefined));
    for (const handle of handles) handle.cancel();
    expect(queue.size).toBe(1);
    jest.advanceTimersByTime(2 ** 31 - 1);
    expect(far).not.toHaveBeenCalled();
    jest.advanceTimersByTime(2000);
    expect(far).toHaveBeenCalledTimes(1);
    queue.clear();
    expect(jest.getTimerCount()).toBe(0);
  });
});
