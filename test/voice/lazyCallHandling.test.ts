/**
 * The call handling's lazy chunk (src/voice/lazyCallHandling.ts): commands wait for it in order, run at once once it
 * is there, a load failure is `upstream_failed` and the next command retries, the idle prefetch, and shutdown.
 */
import type { CallHandling, CallHandlingContext } from '../../src/voice/callHandling';
import { LazyCallHandling, type CallHandlingModule, type LoadCallHandling } from '../../src/voice/lazyCallHandling';
import { loadCallHandlingChunk } from '../../src/voice/lazyCallHandling';
import type { CallLike } from '../../src/voice/sdkTypes';
import { globalTimers } from '../../src/voice/timers';
import { expectCode, flush, started } from './support/harness';

/** A stand-in for the chunk: records what runs, and lets the test settle each load. */
class FakeChunk {
  loads = 0;
  built = 0;
  disposed = 0;
  claimed: CallLike[] = [];
  private settle: Array<{ resolve: (m: CallHandlingModule) => void; reject: (e: Error) => void }> = [];
  readonly parts = {
    dispose: () => void this.disposed++,
    callbacks: { claim: (call: CallLike) => (this.claimed.push(call), true) },
  } as unknown as CallHandling;
  readonly module = { createCallHandling: () => (this.built++, this.parts) } as unknown as CallHandlingModule;

  readonly load: LoadCallHandling = () => {
    this.loads++;
    return new Promise((resolve, reject) => this.settle.push({ resolve, reject }));
  };

  async succeed(): Promise<void> {
    this.settle.shift()?.resolve(this.module);
    await flush();
  }

  async fail(): Promise<void> {
    this.settle.shift()?.reject(new Error('ChunkLoadError: Loading chunk call-handling failed.'));
    await flush();
  }
}

const context = {} as CallHandlingContext; // handed to createCallHandling only, which the fake ignores

function lazy(chunk: FakeChunk): LazyCallHandling {
  return new LazyCallHandling(context, chunk.load, globalTimers);
}

afterEach(() => jest.useRealTimers());

describe('LazyCallHandling', () => {
  it('queues commands until the chunk is there, runs them in arrival order, then runs new ones at once', async () => {
    const chunk = new FakeChunk();
    const handling = lazy(chunk);
    const ran: string[] = [];
    const command = (name: string) => async (parts: CallHandling) => {
      expect(parts).toBe(chunk.parts);
      ran.push(name);
      return name;
    };
    const first = handling.use(command('dial'));
    const second = handling.use(command('mute'));
    const third = handling.use(command('hangup'));
    await flush();
    expect(ran).toEqual([]);
    expect(chunk.loads).toBe(1);
    await chunk.succeed();
    expect(ran).toEqual(['dial', 'mute', 'hangup']);
    await expect(Promise.all([first, second, third])).resolves.toEqual(['dial', 'mute', 'hangup']);
    expect(handling.loaded).toBe(true);

    void handling.use(command('hold'));
    expect(ran).toEqual(['dial', 'mute', 'hangup', 'hold']); // synchronously, as without the chunk
    expect([chunk.loads, chunk.built]).toEqual([1, 1]);
  });

  it('a command that arrives while the queue drains runs after the queued ones', async () => {
    const chunk = new FakeChunk();
    const handling = lazy(chunk);
    const ran: string[] = [];
    void handling.use(async () => {
      ran.push('first');
      void handling.use(async () => void ran.push('sent by the first'));
    });
    void handling.use(async () => void ran.push('second'));
    await chunk.succeed();
    expect(ran).toEqual(['first', 'second', 'sent by the first']);
  });

  it('a load failure fails the waiting commands with upstream_failed, and the next command retries the import', async () => {
    const chunk = new FakeChunk();
    const handling = lazy(chunk);
    const run = jest.fn(async () => 'ok');
    const first = handling.use(run);
    const second = handling.use(run);
    await chunk.fail();
    await expectCode(first, 'upstream_failed');
    await expectCode(second, 'upstream_failed');
    expect(run).not.toHaveBeenCalled();
    expect(handling.loaded).toBe(false);

    const retry = handling.use(run);
    expect(chunk.loads).toBe(2); // not a cached rejection
    await chunk.succeed();
    await expect(retry).resolves.toBe('ok');
  });

  it('a rejection from the command itself is the command’s own error', async () => {
    const chunk = new FakeChunk();
    const handling = lazy(chunk);
    const refused = handling.use(async () => {
      throw new Error('busy');
    });
    await chunk.succeed();
    await expect(refused).rejects.toThrow('busy');
  });

  it('claims no call-back before the chunk is loaded, and hands them to it afterwards', async () => {
    const chunk = new FakeChunk();
    const handling = lazy(chunk);
    const call = {} as CallLike;
    expect(handling.claimCallback(call)).toBe(false);
    expect(chunk.loads).toBe(0); // an incoming call alone loads nothing
    void handling.use(async () => undefined);
    await chunk.succeed();
    expect(handling.claimCallback(call)).toBe(true);
    expect(chunk.claimed).toEqual([call]);
  });

  it('prefetches once when idle; a command before that, or shutdown, cancels the prefetch', async () => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    const chunk = new FakeChunk();
    const handling = lazy(chunk);
    handling.prefetchWhenIdle();
    handling.prefetchWhenIdle();
    expect(chunk.loads).toBe(0);
    jest.runOnlyPendingTimers();
    expect(chunk.loads).toBe(1);
    await chunk.succeed();
    expect(handling.loaded).toBe(true);

    const early = new FakeChunk();
    const commanded = lazy(early);
    commanded.prefetchWhenIdle();
    void commanded.use(async () => undefined);
    expect(jest.getTimerCount()).toBe(0);
    expect(early.loads).toBe(1);

    const closing = new FakeChunk();
    const closed = lazy(closing);
    closed.prefetchWhenIdle();
    closed.dispose();
    expect(jest.getTimerCount()).toBe(0);
    expect(closing.loads).toBe(0);
  });

  it('shutdown disposes the loaded parts, or the parts as soon as a load in flight builds them', async () => {
    const loadedChunk = new FakeChunk();
    const loaded = lazy(loadedChunk);
    void loaded.use(async () => undefined);
    await loadedChunk.succeed();
    loaded.dispose();
    loaded.dispose();
    expect(loadedChunk.disposed).toBe(1);

    const inFlight = new FakeChunk();
    const late = lazy(inFlight);
    const queued = late.use(async () => 'answered by the parts');
    late.dispose();
    await inFlight.succeed();
    expect(inFlight.disposed).toBe(1);
    await expect(queued).resolves.toBe('answered by the parts');
  });
});

describe('VoiceService with the call-handling chunk', () => {
  it('a chunk that fails to load fails the dial with upstream_failed; the next dial loads it and calls', async () => {
    let failures = 1;
    const loadCallHandling: LoadCallHandling = () =>
      failures-- > 0 ? Promise.reject(new Error('ChunkLoadError')) : loadCallHandlingChunk();
    const h = await started({}, undefined, { loadCallHandling });
    await expectCode(h.service.dial('client:bob'), 'upstream_failed');
    expect(h.twilio.device.activeCall).toBeNull();
    await expect(h.service.dial('client:bob')).resolves.toMatchObject({ callSid: expect.any(String) });
    expect(h.twilio.device.activeCall).not.toBeNull();
  });
});
