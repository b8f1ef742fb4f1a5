/**
 * 1,000 random call-control commands over the bus (random types among the five and a few strangers, random and
 * garbage arguments, known and unknown callSids) to the real VoiceService over the SDK double and the route
 * stand-in. Property: every command with an id gets exactly one reply, and a refused one leaves the state exactly
 * as it was. Seeded, so a failure replays identically.
 */
import { attachToBus } from '../../src/bus/host';
import { ERROR_CODES } from '../../src/contract/schema';
import type { SoftphoneService } from '../../src/contract/service';
import type { VoiceService } from '../../src/voice/createVoiceService';
import { DirectBus } from '../bus/support/directBus';
import { flush, started, type Harness } from './support/harness';

/** mulberry32: a tiny deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES = ['hold', 'transfer', 'completeTransfer', 'merge', 'switchCall', 'hold ', 'conference', 42];
const HELD = [true, false, undefined, 'yes', 1, null];
const TARGETS = ['client:carol', '+14155550100', 'client:dave', 'abc!', '', 'client:', '+1', 42, undefined];
const MODES = ['blind', 'warm', undefined, 'cold', 3];

/** What the bus host calls: the VoiceService plus the parcel's history methods (unused here). */
function onBus(service: VoiceService): SoftphoneService {
  return {
    ...service,
    history$: { subscribe: () => ({ unsubscribe: () => undefined }) } as unknown as SoftphoneService['history$'],
    history: async () => ({ calls: [] }),
    clearHistory: async () => undefined,
    useThisTab: async () => undefined,
  };
}

/** Keeps something to act on: a connected call, sometimes with a call waiting beside it. */
async function ensureCalls(h: Harness, random: () => number, round: number): Promise<void> {
  const open = h.state().calls.filter((c) => c.status !== 'closed');
  if (open.some((c) => c.status === 'open')) return;
  for (const call of open) h.twilio.device.calls.find((c) => c.parameters.CallSid === call.sid)?.reject();
  await h.service.dial('client:bob');
  const call = h.twilio.device.activeCall!;
  call.simulateRinging(`CAfuzz${round.toString().padStart(26, '0')}`);
  call.simulateAnswer();
  if (random() < 0.5) h.twilio.device.simulateIncoming({ callSid: `CAwait${round}`, from: 'client:erin' });
  await flush();
}

function pick<T>(random: () => number, values: readonly T[]): T {
  return values[Math.floor(random() * values.length)] as T;
}

/** A command that passes the bus schema: one of the five, arguments of the right types. */
function wellFormedCommand(random: () => number, h: Harness, id: string): Record<string, unknown> {
  const open = h.state().calls.filter((c) => c.status !== 'closed');
  const callSid = pick(random, [...open.map((c) => c.sid), ...open.map((c) => c.twilioCallSid ?? 'CAnope'), undefined]);
  const type = pick(random, ['hold', 'transfer', 'transfer', 'completeTransfer', 'merge', 'switchCall'] as const);
  const args: Record<string, unknown> = {
    hold: { held: pick(random, [true, false, undefined]) },
    transfer: { to: pick(random, ['client:carol', '+14155550100', 'abc!']), mode: pick(random, ['blind', 'warm']) },
    completeTransfer: {},
    merge: {},
    switchCall: { callSid: callSid ?? 'CAnope' },
  }[type];
  const withSid = type !== 'merge' && callSid !== undefined && random() < 0.6 ? { callSid } : {};
  return JSON.parse(JSON.stringify({ v: 1, id, type, ...withSid, ...args })) as Record<string, unknown>;
}

function randomCommand(random: () => number, h: Harness, id: string): Record<string, unknown> {
  if (random() < 0.6) return wellFormedCommand(random, h, id);
  const sids = h.state().calls.flatMap((c) => [c.sid, c.twilioCallSid]);
  const callSid = pick(random, [...sids, 'CAnope', '', 7, undefined, 'x'.repeat(70)]);
  const args: Record<string, unknown> = {
    held: pick(random, HELD),
    callSid,
    to: pick(random, TARGETS),
    mode: pick(random, MODES),
  };
  for (const key of Object.keys(args)) if (args[key] === undefined || random() < 0.3) delete args[key];
  return { v: 1, id, type: pick(random, TYPES), ...args };
}

describe('call-control commands over the bus (seeded fuzz)', () => {
  it('answer 1,000 random commands once each; a refused one changes nothing', async () => {
    const random = prng(12);
    const h = await started();
    const bus = new DirectBus();
    const detach = attachToBus(onBus(h.service), { target: bus });
    const replies: Array<{ id: string; ok: boolean; error?: { code: string } }> = [];
    bus.addEventListener('softphone:reply', (event) => replies.push((event as CustomEvent).detail));
    const outcomes = new Map<string, number>();

    for (let round = 0; round < 1000; round += 1) {
      await ensureCalls(h, random, round);
      const id = `fuzz-${round}`;
      const command = randomCommand(random, h, id);
      const before = JSON.stringify(h.state());
      replies.length = 0;
      bus.dispatchEvent(new CustomEvent('softphone:command', { detail: command }));
      for (let i = 0; i < 40 && replies.length === 0; i += 1) await flush(20);
      await flush();
      expect({ command, replies: replies.length }).toEqual({ command, replies: 1 });
      const [reply] = replies;
      expect(reply?.id).toBe(id);
      if (reply?.ok === false) {
        expect(ERROR_CODES).toContain(reply.error?.code);
        expect({ command, state: JSON.stringify(h.state()) }).toEqual({ command, state: before });
      }
      const outcome = reply?.ok ? `ok:${String(command.type)}` : String(reply?.error?.code);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }

    // Every kind of answer was exercised, successes of each command included.
    expect([...outcomes.keys()].sort()).toEqual(
      expect.arrayContaining([
        'invalid_command',
        'invalid_number',
        'no_active_call',
        'wrong_state',
        'ok:hold',
        'ok:transfer',
        'ok:completeTransfer',
        'ok:merge',
        'ok:switchCall',
      ]),
    );
    detach();
    h.service.destroy();
  });
});
