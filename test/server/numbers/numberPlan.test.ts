import { isValidPhoneNumber } from 'libphonenumber-js/min';
import type { CallMessage, NumberCallControl, NumberCallHandler } from '../../../server/gateway/numberPlan';
import type { SignalingError } from '../../../server/gateway/errors';
import {
  NUMBER_PLAN,
  createNumberPlan,
  createServerMediaFactory,
  type NumberPlanOptions,
} from '../../../server/numbers';
import { openServerPeerCount } from '../../../server/media/serverPeer';
import { decodeMulaw } from '../../../server/media/g711';
import { rms } from '../../../server/media/tones';
import { LoopbackClient, waitFor } from '../support/loopbackClient';

jest.setTimeout(20_000);

const byKind = (kind: string): string => {
  const entry = NUMBER_PLAN.find((e) => e.kind === kind);
  if (!entry) throw new Error(`no ${kind} number`);
  return entry.number;
};

/** Plays the gateway: records what the number handler does with the call. */
class FakeCall {
  readonly log: string[] = [];
  answerSdp: string | null = null;
  earlyMediaSdp: string | null = null;
  hangupError: SignalingError | null | undefined = undefined;
  readonly messages: Array<{ content: unknown; messageType?: string }> = [];
  handler: NumberCallHandler | null = null;

  constructor(
    readonly to: string,
    readonly offerSdp = 'v=0\r\n',
  ) {}

  control(): NumberCallControl {
    return {
      callSid: 'CA' + '1'.repeat(32),
      from: 'client:alice',
      to: this.to,
      params: {},
      offerSdp: this.offerSdp,
      ringing: (earlyMediaSdp) => {
        this.log.push(earlyMediaSdp ? 'ringing with early media' : 'ringing');
        if (earlyMediaSdp) this.earlyMediaSdp = earlyMediaSdp;
      },
      answer: (sdp) => {
        this.log.push('answer');
        this.answerSdp = sdp;
      },
      hangup: (error) => {
        this.log.push(error ? `hangup ${error.code}` : 'hangup');
        this.hangupError = error ?? null;
      },
      sendMessage: (message) => this.messages.push(message),
    };
  }

  dial(options: NumberPlanOptions = {}): ReturnType<typeof createNumberPlan> {
    const plan = createNumberPlan(options);
    const route = plan.route(this.to);
    if (!route) throw new Error(`${this.to} is not routed`);
    this.handler = route(this.control());
    return plan;
  }
}

afterEach(() => {
  jest.useRealTimers();
});

describe('the number plan', () => {
  it('lists valid E.164 numbers, one per kind, each with a name and description', () => {
    expect(NUMBER_PLAN.map((e) => e.kind).sort()).toEqual([
      'bad-network',
      'busy',
      'echo',
      'ivr',
      'no-answer',
      'reject',
      'slow-answer',
    ]);
    for (const entry of NUMBER_PLAN) {
      expect(isValidPhoneNumber(entry.number)).toBe(true);
      expect(entry.name.length).toBeGreaterThan(0);
      expect(entry.description.length).toBeGreaterThan(10);
    }
    expect(new Set(NUMBER_PLAN.map((e) => e.number)).size).toBe(NUMBER_PLAN.length);
  });

  it('routes its numbers and nothing else', () => {
    const plan = createNumberPlan();
    for (const entry of NUMBER_PLAN) expect(plan.route(entry.number)).toBeInstanceOf(Function);
    expect(plan.route('+14155550199')).toBeUndefined();
    expect(plan.route('+442071838750')).toBeUndefined();
    expect(plan.route('client:bob')).toBeUndefined();
  });
});

describe('numbers that never answer', () => {
  it('busy fails with 31486 before answer and without ringing', () => {
    jest.useFakeTimers();
    const call = new FakeCall(byKind('busy'));
    const plan = call.dial({ busyAfterMs: 300 });
    expect(call.log).toEqual([]);
    jest.advanceTimersByTime(300);
    expect(call.log).toEqual(['hangup 31486']);
    expect(plan.activeCalls).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('no answer rings until the timeout, then fails with 31480', () => {
    jest.useFakeTimers();
    const call = new FakeCall(byKind('no-answer'));
    call.dial({ noAnswerTimeoutMs: 60_000 });
    expect(call.log).toEqual(['ringing']);
    jest.advanceTimersByTime(59_999);
    expect(call.log).toEqual(['ringing']);
    jest.advanceTimersByTime(1);
    expect(call.log).toEqual(['ringing', 'hangup 31480']);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('no answer stops ringing when the caller gives up', () => {
    jest.useFakeTimers();
    const call = new FakeCall(byKind('no-answer'));
    const plan = call.dial();
    expect(plan.activeCalls).toBe(1);
    call.handler?.onEnd?.();
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(120_000);
    expect(call.log).toEqual(['ringing']);
    expect(plan.activeCalls).toBe(0);
  });

  it('reject rings briefly, then the callee declines (31486, as Twilio reports a rejected call)', () => {
    jest.useFakeTimers();
    const call = new FakeCall(byKind('reject'));
    call.dial({ rejectAfterMs: 1500 });
    jest.advanceTimersByTime(1499);
    expect(call.log).toEqual(['ringing']);
    jest.advanceTimersByTime(1);
    expect(call.log).toEqual(['ringing', 'hangup 31486']);
    expect(call.hangupError?.message).toMatch(/declined/);
  });
});

describe('numbers that answer with server media', () => {
  let client: LoopbackClient;
  afterEach(async () => {
    await client.close();
    await waitFor(() => openServerPeerCount() === 0);
  });

  async function answered(kind: string, options: NumberPlanOptions = {}, pcmuFirst = false) {
    client = new LoopbackClient({ pcmuFirst });
    const call = new FakeCall(byKind(kind), await client.createOffer());
    const plan = call.dial(options);
    await waitFor(() => call.answerSdp !== null, 10_000);
    await client.acceptAnswer(call.answerSdp ?? '');
    await client.connected();
    return { call, plan };
  }

  it("echo rings, answers in the caller's preferred codec and returns its audio; call messages come back", async () => {
    const { call, plan } = await answered('echo', {}, true);
    expect(call.log).toEqual(['ringing', 'answer']);
    expect(client.sendCodec).toBe('audio/PCMU');
    for (let i = 0; i < 30; i++) client.sendFrame(Buffer.alloc(160, i), 160);
    await waitFor(() => client.received.length >= 25);
    const message: CallMessage = {
      content: { hello: 1 },
      messageType: 'user-defined-message',
      contentType: 'application/json',
    };
    call.handler?.onMessage?.(message);
    expect(call.messages).toEqual([
      { content: { type: 'echo', content: { hello: 1 } }, messageType: 'user-defined-message' },
    ]);
    call.handler?.onEnd?.();
    expect(plan.activeCalls).toBe(0);
  });

  it('an offer the server cannot answer fails the call with 31005 and leaves nothing open', async () => {
    client = new LoopbackClient();
    const call = new FakeCall(byKind('echo'), 'not sdp');
    const plan = call.dial();
    await waitFor(() => call.hangupError !== undefined);
    expect(call.log).toEqual(['ringing', 'hangup 31005']);
    expect(plan.activeCalls).toBe(0);
    expect(openServerPeerCount()).toBe(0);
  });

  it('slow answer rings with early media (ringback) for the configured time before answering', async () => {
    client = new LoopbackClient({ pcmuFirst: true });
    const call = new FakeCall(byKind('slow-answer'), await client.createOffer());
    const started = Date.now();
    call.dial({ slowAnswerMs: 1500 });
    await waitFor(() => call.earlyMediaSdp !== null);
    expect(call.log).toEqual(['ringing with early media']);
    await client.acceptAnswer(call.earlyMediaSdp ?? '');
    await client.connected();
    // Ringback arrives before the answer: PCMU frames that are not μ-law silence.
    await waitFor(() => client.received.some((p) => p.payload.some((b) => b !== 0xff && b !== 0x7f)), 5000);
    expect(call.answerSdp).toBeNull();
    await waitFor(() => call.answerSdp !== null, 5000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1490);
    expect(call.log).toEqual(['ringing with early media', 'answer']);
    expect(call.answerSdp).toBe(call.earlyMediaSdp);
    call.handler?.onEnd?.();
  });

  it('a caller who hangs up during a slow answer never gets an answer and leaves no peer', async () => {
    client = new LoopbackClient();
    const call = new FakeCall(byKind('slow-answer'), await client.createOffer());
    const plan = call.dial({ slowAnswerMs: 50 });
    await waitFor(() => call.earlyMediaSdp !== null);
    call.handler?.onEnd?.();
    expect(plan.activeCalls).toBe(0);
    await waitFor(() => openServerPeerCount() === 0);
    expect(call.log).toEqual(['ringing with early media']);
  });

  it('bad network drops packets of the echo while the window lasts, then stops', async () => {
    const impairments: Array<{ stats: { dropped: number; passed: number; delayed: number } }> = [];
    const { call } = await answered('bad-network', {
      badNetwork: { lossRate: 0.5, jitterMs: 10, windowMs: 600 },
      onImpairment: (i) => impairments.push(i),
    });
    await waitFor(() => impairments.length === 1);
    for (let i = 0; i < 20; i++) client.sendFrame(Buffer.from([i]));
    await waitFor(
      () =>
        (impairments[0]?.stats.dropped ?? 0) +
          (impairments[0]?.stats.delayed ?? 0) +
          (impairments[0]?.stats.passed ?? 0) >=
        20,
    );
    expect(impairments[0]?.stats.dropped).toBeGreaterThan(2);
    await new Promise((r) => setTimeout(r, 650));
    const before = client.received.length;
    for (let i = 0; i < 20; i++) client.sendFrame(Buffer.from([i]));
    await waitFor(() => client.received.length >= before + 20);
    call.handler?.onEnd?.();
  });

  it('the IVR answers in PCMU, plays its prompt and reports the menu', async () => {
    const { call } = await answered('ivr');
    expect(client.sendCodec).toBe('audio/PCMU');
    await waitFor(() => call.messages.length >= 1);
    expect(call.messages[0]?.content).toEqual({
      type: 'ivr',
      event: 'menu',
      menu: 'main',
      options: expect.objectContaining({ '1': 'sales', '2': 'support' }),
    });
    await waitFor(() => client.received.filter((p) => rms(decodeMulaw(p.payload)) > 1000).length >= 10);
    call.handler?.onEnd?.();
  });

  it('the IVR walks its menu on signaling DTMF and RTP telephone-events and answers call messages', async () => {
    const { call, plan } = await answered('ivr');
    await waitFor(() => call.messages.length >= 1);
    call.handler?.onDtmf?.('1');
    expect(call.messages[1]?.content).toEqual({
      type: 'ivr',
      event: 'pressed',
      pressed: '1',
      via: 'signaling',
      menu: 'sales',
      previousMenu: 'main',
      result: 'sales',
    });
    await client.sendDigit('0');
    await waitFor(() => call.messages.length >= 3);
    expect(call.messages[2]?.content).toEqual({
      type: 'ivr',
      event: 'pressed',
      pressed: '0',
      via: 'rtp',
      menu: 'main',
      previousMenu: 'sales',
      result: 'main',
    });
    call.handler?.onDtmf?.('7');
    expect(call.messages[3]?.content).toMatchObject({ pressed: '7', menu: 'main', result: 'invalid' });
    call.handler?.onMessage?.({
      content: { question: 'where am I?' },
      messageType: 'user-defined-message',
      contentType: 'application/json',
    });
    expect(call.messages[4]).toEqual({
      content: {
        type: 'ivr',
        event: 'reply',
        menu: 'main',
        received: { question: 'where am I?' },
        options: expect.any(Object),
      },
      messageType: 'user-defined-message',
      contentType: 'application/json',
    });
    call.handler?.onDtmf?.('9');
    await waitFor(() => call.log.includes('hangup'), 5000);
    expect(call.hangupError).toBeNull();
    expect(plan.activeCalls).toBe(0);
  });
});

describe('server media for calls the gateway places', () => {
  it("offers, takes the Device's answer, echoes audio and acknowledges digits and messages", async () => {
    const client = new LoopbackClient();
    const sent: unknown[] = [];
    let hungUp = false;
    const peer = await createServerMediaFactory()({
      callSid: 'CA' + '2'.repeat(32),
      from: 'client:switchboard',
      to: 'client:alice',
      params: {},
      sendMessage: (m) => sent.push(m.content),
      hangup: () => {
        hungUp = true;
      },
    });
    peer.acceptAnswer(await client.answer(peer.offerSdp));
    await client.connected();
    for (let i = 0; i < 20; i++) client.sendFrame(Buffer.from([i]));
    await waitFor(() => client.received.length >= 15);
    await client.sendDigit('4');
    await waitFor(() => sent.length >= 1);
    peer.onDtmf?.('5');
    peer.onMessage?.({ content: 'hi', messageType: 'user-defined-message', contentType: 'application/json' });
    expect(sent).toEqual([
      { type: 'dtmf', digits: '4', via: 'rtp' },
      { type: 'dtmf', digits: '5', via: 'signaling' },
      { type: 'echo', content: 'hi' },
    ]);
    peer.onEnd?.();
    await client.close();
    await waitFor(() => openServerPeerCount() === 0);
    expect(hungUp).toBe(false);
  });
});
