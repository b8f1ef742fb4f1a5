/**
 * A follower's RemoteSoftphone and the leader's hub over one in-memory channel, with the shared fake service as
 * the leader's phone: the follower mirrors the leader's state and events, its calls run on the leader with their
 * results and typed errors, each result reaches only the asking session, and bad arguments are refused.
 */
import { firstValueFrom, filter, toArray, take } from 'rxjs';
import { SoftphoneError, isSoftphoneError } from '../../src/contract/service';
import { FakeSoftphoneService } from '../../src/contract/testing';
import { startLeaderHub } from '../../src/tabs/leaderHub';
import { RemoteSoftphone } from '../../src/tabs/remoteService';
import { ChannelHub } from './support/memoryTabs';

describe('forwarding between tabs', () => {
  let hub: ChannelHub;
  let leaderPhone: FakeSoftphoneService;
  let stopHub: () => void;
  const remotes: RemoteSoftphone[] = [];
  const follower = (session: string) => {
    const remote = new RemoteSoftphone('alice', hub.open(session));
    remotes.push(remote);
    return remote;
  };

  beforeEach(() => {
    hub = new ChannelHub();
    leaderPhone = new FakeSoftphoneService('alice');
    stopHub = startLeaderHub(hub.open('leader'), {
      core: leaderPhone,
      state$: leaderPhone.state$,
      getState: () => leaderPhone.getState(),
    });
  });
  afterEach(() => {
    remotes.splice(0).forEach((r) => r.destroy());
    stopHub();
    leaderPhone.destroy();
  });

  it('shows the leader’s state, asked for on creation, and follows its changes and events', async () => {
    const remote = follower('f1');
    const registered = await firstValueFrom(remote.state$.pipe(filter((s) => s.device.state === 'registered')));
    expect(registered).toEqual(leaderPhone.getState());
    const events = firstValueFrom(remote.events$.pipe(take(1), toArray()));
    leaderPhone.receiveIncomingCall('client:bob', 'CAin');
    await firstValueFrom(remote.state$.pipe(filter((s) => s.calls.some((c) => c.sid === 'CAin'))));
    expect((await events)[0]).toMatchObject({ source: 'device', name: 'incoming', callSid: 'CAin' });
  });

  it('runs forwarded commands on the leader and resolves with their results', async () => {
    const remote = follower('f1');
    const { callSid } = await remote.dial('client:bob', { ticket: '7' });
    expect(leaderPhone.invocations.at(-1)).toEqual({ method: 'dial', args: ['client:bob', { ticket: '7' }] });
    expect(leaderPhone.getState().calls.map((c) => c.sid)).toEqual([callSid]);
    leaderPhone.answerOutgoing(callSid);
    expect(await remote.mute(true)).toEqual({ muted: true });
    await remote.hangup();
    expect(leaderPhone.getState().calls[0]?.status).toBe('closed');
  });

  it('forwards the call-control commands with their results and typed errors', async () => {
    const remote = follower('f1');
    await expect(remote.hold()).rejects.toMatchObject({ code: 'no_active_call' });
    const { callSid } = await remote.dial('client:bob');
    leaderPhone.answerOutgoing(callSid, 'CAbob');
    expect(await remote.hold(true, 'CAbob')).toEqual({ held: true });
    expect(await remote.hold(false)).toEqual({ held: false });
    await expect(remote.transfer('abc!')).rejects.toMatchObject({ code: 'invalid_number' });
    const { consultCallSid } = await remote.transfer('client:carol', undefined, 'warm');
    expect(leaderPhone.invocations.at(-1)).toEqual({ method: 'transfer', args: ['client:carol', undefined, 'warm'] });
    await expect(remote.switchCall(consultCallSid!)).rejects.toMatchObject({ code: 'wrong_state' });
    await remote.switchCall(callSid);
    await remote.switchCall(consultCallSid!);
    expect(await remote.merge()).toEqual({ conferenceSid: expect.stringMatching(/^CF/) });
    await expect(remote.completeTransfer()).rejects.toMatchObject({ code: 'wrong_state' });
    await remote.transfer('+14155550100');
    expect(leaderPhone.getState().calls.every((c) => c.status === 'closed')).toBe(true);
  });

  it('refuses forwarded call-control arguments that do not fit, before the leader’s phone sees them', async () => {
    const remote = follower('f1');
    const refused = (remote as unknown as { forward(m: string, a: unknown[]): Promise<unknown> }).forward.bind(remote);
    await expect(refused('hold', ['yes'])).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(refused('transfer', ['client:bob', undefined, 'cold'])).rejects.toMatchObject({
      code: 'invalid_argument',
    });
    await expect(refused('switchCall', [])).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(leaderPhone.invocations).toEqual([]);
  });

  it('rejects with the leader’s typed error', async () => {
    const remote = follower('f1');
    leaderPhone.failNext('dial', new SoftphoneError('busy', 'Busy here', 31486));
    const error: unknown = await remote.dial('client:bob').catch((e: unknown) => e);
    expect(isSoftphoneError(error) && [error.code, error.message, error.twilioCode]).toEqual([
      'busy',
      'Busy here',
      31486,
    ]);
  });

  it('refuses arguments that do not fit the method, without calling the leader’s phone', async () => {
    const remote = follower('f1');
    const error: unknown = await remote.setOutputDevice([]).catch((e: unknown) => e);
    expect(isSoftphoneError(error) && error.code).toBe('invalid_argument');
    expect(leaderPhone.invocations.filter((i) => i.method === 'setOutputDevice')).toEqual([]);
  });

  it('answers each follower alone: one result per call, to the session that asked', async () => {
    const first = follower('f1');
    const second = follower('f2');
    await Promise.all([first.register(), second.unregister()]);
    const results = hub.posted.filter((m) => (m as { kind: string }).kind === 'result') as { to: string }[];
    expect(results.map((r) => r.to).sort()).toEqual(['f1', 'f2']);
  });

  it('rejects calls still waiting when it is destroyed, and refuses new ones', async () => {
    stopHub(); // nobody answers
    const remote = follower('f1');
    const pending = remote.register().catch((e: unknown) => e);
    remote.destroy();
    expect(((await pending) as SoftphoneError).code).toBe('not_ready');
    expect(((await remote.register().catch((e: unknown) => e)) as SoftphoneError).code).toBe('not_ready');
    stopHub = () => undefined;
  });
});
