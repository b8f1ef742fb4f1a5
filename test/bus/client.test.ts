/**
 * The typed RxJS client, against the real host on a listener-counting window.
 */
import { createSoftphoneClient, type SoftphoneClient } from '../../src/bus/client';
import { isSoftphoneCommandError, SoftphoneCommandError } from '../../src/bus/errors';
import { attachToBus } from '../../src/bus/host';
import type { SoftphoneEvent, SoftphoneState } from '../../src/contract/schema';
import { SoftphoneError } from '../../src/contract/service';
import { buildState, FakeSoftphoneService } from '../../src/contract/testing';
import { loadBusValidators } from '../../src/bus/lazyValidators';
import { ListenerCountingTarget } from './support/listenerCountingTarget';

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

function recordStates(client: SoftphoneClient): { states: SoftphoneState[]; unsubscribe: () => void } {
  const states: SoftphoneState[] = [];
  const subscription = client.state$.subscribe({ next: (state) => states.push(state) });
  return { states, unsubscribe: () => subscription.unsubscribe() };
}

async function rejection(promise: Promise<unknown>): Promise<SoftphoneCommandError> {
  try {
    await promise;
  } catch (error) {
    if (isSoftphoneCommandError(error)) return error;
    throw error;
  }
  throw new Error('expected the command to be rejected');
}

describe('createSoftphoneClient', () => {
  // The validators are a lazy chunk (lazyValidators.ts, tested there): loaded, the client delivers synchronously.
  beforeAll(() => loadBusValidators());
  let bus: ListenerCountingTarget;
  let cleanup: Array<() => void>;
  beforeEach(() => {
    bus = new ListenerCountingTarget();
    cleanup = [];
  });
  afterEach(() => cleanup.reverse().forEach((fn) => fn()));

  function phone(instance: string, initial?: Partial<SoftphoneState>): FakeSoftphoneService {
    const service = new FakeSoftphoneService(instance, initial);
    cleanup.push(attachToBus(service, { target: bus }));
    return service;
  }
  function client(opts: { target?: string; timeoutMs?: number } = {}): SoftphoneClient {
    const created = createSoftphoneClient({ ...opts, window: bus });
    cleanup.push(() => created.destroy());
    return created;
  }

  describe('state$', () => {
    it('replays the latest state to a late subscriber once, without repeating it to earlier ones', () => {
      const alice = phone('alice');
      const c = client();
      const early = recordStates(c);
      expect(early.states.map((s) => s.calls.length)).toEqual([0]);
      alice.receiveIncomingCall('client:bob');
      expect(early.states.map((s) => s.calls.length)).toEqual([0, 1]);

      const late = recordStates(c);
      expect(late.states).toEqual([alice.getState()]);
      expect(early.states).toHaveLength(2);
    });

    it('asks for state on subscribe, so a client created before anything was published still gets it', () => {
      const alice = phone('alice');
      const requests = bus.record('softphone:state-request');
      const { states } = recordStates(client({ target: 'alice' }));
      expect(requests).toEqual([{ v: 1, target: 'alice' }]);
      expect(states).toEqual([alice.getState()]);
    });

    it('gets the state of a softphone that attaches after the subscription', () => {
      const { states } = recordStates(client());
      expect(states).toEqual([]);
      phone('alice');
      expect(states.map((s) => s.instance)).toEqual(['alice']);
    });

    it('with a target, delivers only that softphone’s states and events', () => {
      phone('alice');
      const bob = phone('bob');
      const c = client({ target: 'bob' });
      const { states } = recordStates(c);
      const events: SoftphoneEvent[] = [];
      c.events$.subscribe({ next: (event) => events.push(event) });
      bob.receiveIncomingCall('client:alice');
      expect(new Set(states.map((s) => s.instance))).toEqual(new Set(['bob']));
      expect(events.map((e) => [e.instance, e.name])).toEqual([['bob', 'incoming']]);
    });

    it('ignores states that do not match the contract', () => {
      const { states } = recordStates(client());
      bus.send('softphone:state', { v: 1, instance: 'mallory' });
      bus.send('softphone:state', 'state');
      bus.send('softphone:state', { ...buildState({ instance: 'eve' }), v: 2 });
      expect(states).toEqual([]);
      bus.send('softphone:state', buildState({ instance: 'eve' }));
      expect(states.map((s) => s.instance)).toEqual(['eve']);
    });

    it('can be consumed by another copy of rxjs through the interop protocol', () => {
      const alice = phone('alice');
      const c = client();
      let foreignFrom:
        ((input: unknown) => { subscribe(o: { next(v: unknown): void }): { unsubscribe(): void } }) | undefined;
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        foreignFrom = (require('rxjs') as { from: typeof foreignFrom }).from;
      });
      const seen: unknown[] = [];
      const subscription = foreignFrom!(c.state$).subscribe({ next: (state) => seen.push(state) });
      expect(seen).toEqual([alice.getState()]);
      subscription.unsubscribe();
    });
  });

  describe('commands', () => {
    it('resolve with the validated result and address the target', async () => {
      phone('alice');
      const bob = phone('bob');
      const c = client({ target: 'bob' });
      await expect(c.dial('client:alice', { ticket: '7' })).resolves.toEqual({ callSid: expect.any(String) });
      expect(bob.invocations).toEqual([{ method: 'dial', args: ['client:alice', { ticket: '7' }] }]);
      const sid = bob.getState().calls[0].sid;
      bob.answerOutgoing(sid);
      await expect(c.mute()).resolves.toEqual({ muted: true });
      await expect(c.sendDigits('1#', sid)).resolves.toBeUndefined();
      await expect(c.sendMessage({ hi: 1 }, 'user-defined-message')).resolves.toEqual({
        voiceEventSid: expect.any(String),
      });
      await expect(c.hangup(sid)).resolves.toBeUndefined();
      await expect(c.postFeedback(5, 'echo')).resolves.toBeUndefined();
      await expect(c.setInputDevice('usb-mic')).resolves.toBeUndefined();
      await expect(c.setOutputDevice(['usb-out'])).resolves.toBeUndefined();
      await expect(c.unregister()).resolves.toBeUndefined();
      await expect(c.register()).resolves.toBeUndefined();
      await expect(c.hangupAll()).resolves.toBeUndefined();
      expect(bob.invocations.map((i) => i.method)).toEqual([
        'dial',
        'mute',
        'sendDigits',
        'sendMessage',
        'hangup',
        'postFeedback',
        'setInputDevice',
        'setOutputDevice',
        'unregister',
        'register',
        'hangupAll',
      ]);
    });

    it('reach incoming calls through accept, reject and ignore', async () => {
      const alice = phone('alice');
      const c = client();
      const first = alice.receiveIncomingCall('client:bob');
      await c.accept(first);
      await c.hangup();
      alice.receiveIncomingCall('client:bob');
      await c.reject();
      alice.receiveIncomingCall('client:bob');
      await c.ignore();
      expect(alice.getState().calls.map((call) => call.endReason)).toEqual(['local-hangup', 'rejected', 'ignored']);
    });

    it('carry call control: hold, transfer, merge, switchCall, completeTransfer with checked results', async () => {
      const alice = phone('alice');
      const c = client();
      const bob = alice.receiveIncomingCall('client:bob');
      await c.accept(bob);
      expect(await c.hold()).toEqual({ held: true });
      expect(await c.hold(false, bob)).toEqual({ held: false });
      expect((await rejection(c.transfer('abc!'))).code).toBe('invalid_number');
      const { consultCallSid } = await c.transfer('client:carol', undefined, 'warm');
      expect(alice.getState().calls.find((call) => call.sid === consultCallSid)?.consultFor).toBe(bob);
      expect((await rejection(c.switchCall(consultCallSid!))).code).toBe('wrong_state');
      expect(await c.switchCall(bob)).toEqual({});
      expect(await c.merge()).toEqual({ conferenceSid: expect.stringMatching(/^CF/) });
      expect((await rejection(c.completeTransfer())).code).toBe('wrong_state');
      jest.spyOn(alice, 'merge').mockResolvedValueOnce({ conference: 'CF1' } as never);
      expect((await rejection(c.merge())).code).toBe('internal_error');
    });

    it('reject with the reply’s code, message and Twilio code', async () => {
      const alice = phone('alice');
      const c = client();
      const invalid = await rejection(c.dial('555'));
      expect(invalid).toBeInstanceOf(SoftphoneCommandError);
      expect(invalid).toMatchObject({ name: 'SoftphoneCommandError', code: 'invalid_number', command: 'dial' });

      jest.spyOn(alice, 'register').mockRejectedValueOnce(new SoftphoneError('token_error', 'Token expired', 20104));
      expect(await rejection(c.register())).toMatchObject({
        code: 'token_error',
        message: 'Token expired',
        twilioCode: 20104,
      });

      expect((await rejection(client({ target: 'carol' }).register())).code).toBe('unknown_target');
      phone('bob');
      expect((await rejection(c.hangupAll())).code).toBe('ambiguous_target');
    });

    it('reject a result that breaks the contract instead of passing it on', async () => {
      const alice = phone('alice');
      jest.spyOn(alice, 'dial').mockResolvedValueOnce({ sid: 'not the contract' } as never);
      expect((await rejection(client().dial('client:bob'))).code).toBe('internal_error');
    });

    it('fail at once on a reply they cannot read rather than waiting for the timeout', async () => {
      bus.addEventListener('softphone:command', (event) => {
        const { id } = (event as CustomEvent<{ id: string }>).detail;
        bus.send('softphone:reply', { v: 1, id, ok: false, error: { code: 'code_from_the_future', message: '?' } });
      });
      expect((await rejection(client().register())).code).toBe('internal_error');
    });

    it('send any command generically and show every reply on replies$', async () => {
      phone('alice');
      const c = client();
      const replies: unknown[] = [];
      c.replies$.subscribe({ next: (reply) => replies.push(reply) });
      await expect(c.send('mute', { muted: true })).rejects.toMatchObject({ code: 'no_active_call' });
      await c.send('register', {});
      expect(replies).toEqual([
        expect.objectContaining({
          ok: false,
          instance: 'alice',
          error: expect.objectContaining({ code: 'no_active_call' }),
        }),
        expect.objectContaining({ ok: true, instance: 'alice' }),
      ]);
    });

    it('use crypto.randomUUID for correlation ids', async () => {
      phone('alice');
      const commands = bus.record('softphone:command') as Array<{ id: string }>;
      const uuid = jest.spyOn(globalThis.crypto, 'randomUUID').mockReturnValue('11111111-2222-4333-8444-555555555555');
      await client().register();
      expect(commands[0].id).toBe('11111111-2222-4333-8444-555555555555');
      uuid.mockRestore();
    });

    it('fall back to unique ids where crypto.randomUUID is missing', async () => {
      phone('alice');
      const commands = bus.record('softphone:command') as Array<{ id: string }>;
      jest.spyOn(globalThis, 'crypto', 'get').mockReturnValue({} as Crypto);
      const c = client();
      await c.register();
      await c.register();
      jest.restoreAllMocks();
      expect(commands.map((c) => c.id)).toEqual([expect.stringMatching(/^sp-/), expect.stringMatching(/^sp-/)]);
      expect(commands[0].id).not.toBe(commands[1].id);
    });

    it('reject with invalid_command before sending arguments that cannot be serialised', async () => {
      phone('alice');
      const commands = bus.record('softphone:command');
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      expect((await rejection(client().sendMessage(cyclic))).code).toBe('invalid_command');
      expect(commands).toEqual([]);
    });
  });

  describe('timeouts', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    it('reject with code timeout after 10 s when no softphone answers, leaving no timer', async () => {
      const result = client().register();
      const settled = jest.fn();
      result.catch(settled);
      jest.advanceTimersByTime(9_999);
      await flush();
      expect(settled).not.toHaveBeenCalled();
      jest.advanceTimersByTime(1);
      const error = await rejection(result);
      expect(error).toMatchObject({ code: 'timeout', command: 'register' });
      expect(jest.getTimerCount()).toBe(0);
    });

    it('honour timeoutMs, and clear the timer when the reply arrives', async () => {
      phone('alice');
      const c = client({ timeoutMs: 50 });
      await c.register();
      expect(jest.getTimerCount()).toBe(0);
      cleanup.shift()?.(); // detach alice
      const pending = c.register();
      jest.advanceTimersByTime(50);
      expect((await rejection(pending)).code).toBe('timeout');
    });
  });

  describe('destroy', () => {
    it('removes every listener it added, completes the streams and fails pending commands', async () => {
      jest.useFakeTimers();
      const c = createSoftphoneClient({ window: bus, timeoutMs: 1_000 });
      const completed: string[] = [];
      c.state$.subscribe({ complete: () => completed.push('state$') });
      c.events$.subscribe({ complete: () => completed.push('events$') });
      c.replies$.subscribe({ complete: () => completed.push('replies$') });
      const pending = c.dial('client:bob');
      expect(bus.listenerCount()).toBe(3); // reply, state, event: one each however many subscribers

      c.destroy();
      c.destroy();
      expect(bus.listenerCount()).toBe(0);
      expect(bus.removeCalls).toBe(bus.addCalls);
      expect(completed.sort()).toEqual(['events$', 'replies$', 'state$']);
      expect(await rejection(pending)).toMatchObject({ code: 'not_ready' });
      expect(jest.getTimerCount()).toBe(0);
      expect((await rejection(c.register())).code).toBe('not_ready');
      const late = jest.fn();
      c.state$.subscribe({ complete: late });
      expect(late).toHaveBeenCalled();
      expect(bus.listenerCount()).toBe(0);
      jest.useRealTimers();
    });

    it('listens to state and events only while someone subscribes', () => {
      const c = client();
      const baseline = bus.listenerCount();
      const a = c.state$.subscribe({ next: () => undefined });
      const b = c.state$.subscribe({ next: () => undefined });
      const e = c.events$.subscribe({ next: () => undefined });
      expect(bus.listenerCount()).toBe(baseline + 2);
      a.unsubscribe();
      b.unsubscribe();
      e.unsubscribe();
      expect(bus.listenerCount()).toBe(baseline);
    });
  });
});
