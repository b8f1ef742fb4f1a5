/**
 * Property: whatever a sibling puts in a `softphone:command`, a malformed command
 *  - never makes the softphone throw,
 *  - gets exactly one reply if (and only if) it carries a string id, with ok:false and the stable code
 *    its defect calls for (the same code every time it is sent),
 *  - reaches no service method and leaves the service state deep-equal to before,
 *  - pollutes no prototype.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { attachToBus } from '../../src/bus/host';
import {
  COMMAND_TYPES,
  ERROR_CODES,
  MAX_DTMF_LENGTH,
  MAX_MESSAGE_BYTES,
  type ErrorCode,
} from '../../src/contract/schema';
import { parseDialTarget, validateDigits } from '../../src/contract/validation';
import { FakeSoftphoneService } from '../../src/contract/testing';
import { DirectBus } from './support/directBus';

/** A generated command and what the softphone must answer: nothing, or ok:false with one of `codes`. */
interface Case {
  detail: unknown;
  codes: readonly ErrorCode[] | 'no-reply';
}

const LIVE_SIDS = ['TJSlive', 'CAlive', 'CAringing'];

/** Commands that are valid in every respect and would change the fake's state if they were executed. */
const VALID: Record<(typeof COMMAND_TYPES)[number], Record<string, unknown>> = {
  register: {},
  unregister: {},
  dial: { to: '+14155550100' },
  hangup: {},
  hangupAll: {},
  accept: { callSid: 'CAringing' },
  reject: { callSid: 'CAringing' },
  ignore: { callSid: 'CAringing' },
  mute: { muted: true },
  sendDigits: { digits: '1' },
  sendMessage: { content: { hi: 1 } },
  setInputDevice: { deviceId: 'usb-mic' },
  setOutputDevice: { deviceIds: ['usb-out'] },
  postFeedback: { score: 3 },
  history: { limit: 10 },
  hold: { held: true },
  transfer: { to: '+14155550101', mode: 'warm' },
  completeTransfer: {},
  merge: {},
  switchCall: { callSid: 'CAlive' },
};

const typeArb = fc.constantFrom(...COMMAND_TYPES);
const idArb = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('__proto__', 'constructor', ''));
const validCommand = fc
  .record({ type: typeArb, id: idArb })
  .map(({ type, id }) => ({ v: 1, id, type, ...VALID[type] }));
const notAString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.object({ maxDepth: 1 }),
);
const notABoolean = fc.oneof(
  fc.integer(),
  fc.string(),
  fc.constant(null),
  fc.array(fc.boolean(), { maxLength: 2 }),
  fc.object({ maxDepth: 1 }),
);
const longString = (min: number) => fc.string({ minLength: min, maxLength: min + 50 });

const nonObjects: fc.Arbitrary<Case> = fc
  .oneof(
    fc.constant(null),
    fc.constant(undefined),
    fc.integer(),
    fc.double(),
    fc.string(),
    fc.boolean(),
    fc.bigInt(),
    fc.array(fc.jsonValue(), { maxLength: 3 }),
  )
  .map((detail) => ({ detail, codes: 'no-reply' }));

const withoutStringId: fc.Arbitrary<Case> = fc
  .record({ command: validCommand, id: fc.option(notAString, { nil: undefined }) })
  .map(({ command, id }) => {
    const { id: _dropped, ...rest } = command;
    return { detail: id === undefined ? rest : { ...rest, id }, codes: 'no-reply' };
  });

const wrongVersion: fc.Arbitrary<Case> = fc
  .record({
    command: validCommand,
    v: fc.oneof(
      fc.constantFrom(0, 2, '1', null, 1.5, true),
      fc.integer().filter((n) => n !== 1),
    ),
    drop: fc.boolean(),
  })
  .map(({ command, v, drop }) => {
    const { v: _v, ...rest } = command;
    return { detail: drop ? rest : { ...rest, v }, codes: ['invalid_command'] };
  });

const unknownType: fc.Arbitrary<Case> = fc
  .record({
    id: idArb,
    type: fc.oneof(
      fc.string().filter((t) => !(COMMAND_TYPES as readonly string[]).includes(t)),
      fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'DIAL', 'dial ', 'hang-up'),
      notAString,
    ),
  })
  .map(({ id, type }) => ({ detail: { v: 1, id, type, to: '+14155550100', digits: '1' }, codes: ['invalid_command'] }));

/** For each command type, fields set to values of the wrong type or out of the schema's range. */
const badFieldsByType: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  dial: fc.oneof(
    notAString.map((to) => ({ to })),
    fc.constant({}),
    longString(257).map((to) => ({ to })),
    fc
      .oneof(
        notAString.filter((p) => typeof p !== 'object' || p === null || Array.isArray(p)),
        fc.dictionary(fc.string({ minLength: 1 }), notAString, { minKeys: 1 }),
      )
      .map((params) => ({ to: '+14155550100', params })),
    fc
      .dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string(), { minKeys: 33, maxKeys: 40 })
      .map((params) => ({ to: '+14155550100', params })),
  ),
  hangup: fc.oneof(notAString, fc.constant(''), longString(65)).map((callSid) => ({ callSid })),
  accept: fc.oneof(notAString, fc.constant('')).map((callSid) => ({ callSid })),
  reject: fc.oneof(notAString, longString(65)).map((callSid) => ({ callSid })),
  ignore: notAString.map((callSid) => ({ callSid })),
  mute: fc.oneof(
    notABoolean.map((muted) => ({ muted })),
    notAString.map((callSid) => ({ muted: true, callSid })),
  ),
  sendDigits: fc.oneof(
    notAString.map((digits) => ({ digits })),
    fc.constant({}),
  ),
  sendMessage: fc.oneof(
    fc.constant({}),
    fc.constant({ content: null }),
    fc.oneof(notAString, fc.constant(''), longString(65)).map((messageType) => ({ content: 'hi', messageType })),
  ),
  setInputDevice: fc.oneof(notAString, fc.constant(''), longString(513)).map((deviceId) => ({ deviceId })),
  setOutputDevice: fc.oneof(
    fc
      .oneof(
        notAString.filter((d) => !Array.isArray(d) || d.length === 0),
        fc.constant([]),
      )
      .map((deviceIds) => ({ deviceIds })),
    fc
      .array(fc.string({ minLength: 1, maxLength: 5 }), { minLength: 9, maxLength: 12 })
      .map((deviceIds) => ({ deviceIds })),
    fc.array(notAString, { minLength: 1, maxLength: 3 }).map((deviceIds) => ({ deviceIds })),
  ),
  postFeedback: fc.oneof(
    fc
      .oneof(
        fc.integer().filter((n) => n < 1 || n > 5),
        fc.double({ min: 1.01, max: 4.99, noNaN: true }),
        fc.constantFrom(NaN, Infinity, '3', null),
      )
      .map((score) => ({ score })),
    fc
      .oneof(
        fc
          .string()
          .filter(
            (s) =>
              !['audio-latency', 'choppy-audio', 'dropped-call', 'echo', 'noisy-call', 'one-way-audio'].includes(s),
          ),
        notAString,
      )
      .map((issue) => ({ score: 3, issue })),
  ),
  hold: fc.oneof(
    notABoolean.map((held) => ({ held })),
    notAString.map((callSid) => ({ held: true, callSid })),
  ),
  transfer: fc.oneof(
    notAString.map((to) => ({ to })),
    fc.constant({}),
    longString(257).map((to) => ({ to })),
    fc
      .oneof(
        notAString,
        fc.string().filter((m) => m !== 'blind' && m !== 'warm'),
      )
      .map((mode) => ({ to: '+14155550100', mode })),
  ),
  completeTransfer: fc.oneof(notAString, fc.constant('')).map((callSid) => ({ callSid })),
  switchCall: fc.oneof(notAString, fc.constant(''), longString(65)).map((callSid) => ({ callSid })),
};
const badFieldTypes: fc.Arbitrary<Case> = fc
  .record({
    id: idArb,
    pick: fc.oneof(
      ...Object.entries(badFieldsByType).map(([type, fields]) => fields.map((f) => ({ type, fields: f }))),
    ),
  })
  .map(({ id, pick }) => ({ detail: { v: 1, id, type: pick.type, ...pick.fields }, codes: ['invalid_command'] }));

const invalidNumbers: fc.Arbitrary<Case> = fc
  .record({
    id: idArb,
    to: fc
      .oneof(
        fc.string({ minLength: 1, maxLength: 30 }),
        fc.string({ maxLength: 20 }).map((s) => `client:${s}`),
        fc.string({ maxLength: 15 }).map((s) => `+${s}`),
        fc.integer({ min: 0 }).map((n) => `${n}`),
        fc.integer({ min: 0, max: 999 }).map((n) => `+${n}`),
        fc.constantFrom(
          'client:',
          'client:bob smith',
          'client:__proto__<>',
          '+1',
          '+1415555010000000000',
          'tel:+14155550100',
          '00441234567890',
        ),
      )
      .filter((to) => !parseDialTarget(to).ok),
    type: fc.constantFrom('dial', 'transfer'),
  })
  .map(({ id, to, type }) => ({ detail: { v: 1, id, type, to }, codes: ['invalid_number'] }));

const invalidDigits: fc.Arbitrary<Case> = fc
  .record({
    id: idArb,
    digits: fc
      .oneof(
        fc.string({ maxLength: 20 }),
        fc.constant(''),
        fc.string({
          unit: fc.constantFrom('1', '#', '*', 'w'),
          minLength: MAX_DTMF_LENGTH + 1,
          maxLength: MAX_DTMF_LENGTH + 20,
        }),
      )
      .filter((d) => !validateDigits(d).ok),
    callSid: fc.option(fc.constantFrom(...LIVE_SIDS), { nil: undefined }),
  })
  .map(({ id, digits, callSid }) => ({
    detail: { v: 1, id, type: 'sendDigits', digits, ...(callSid ? { callSid } : {}) },
    codes: ['invalid_digits'],
  }));

const unknownCallSids: fc.Arbitrary<Case> = fc
  .record({
    id: idArb,
    type: fc.constantFrom(
      'hangup',
      'accept',
      'reject',
      'ignore',
      'mute',
      'sendDigits',
      'sendMessage',
      'postFeedback',
      'hold',
      'transfer',
      'completeTransfer',
      'switchCall',
    ),
    callSid: fc
      .oneof(fc.string({ minLength: 1, maxLength: 64 }), fc.constantFrom('__proto__', 'constructor', 'toString'))
      .filter((s) => !LIVE_SIDS.includes(s)),
  })
  .map(({ id, type, callSid }) => ({
    detail: { v: 1, id, type, ...VALID[type as keyof typeof VALID], callSid },
    codes: ['no_active_call'],
  }));

const oversized: fc.Arbitrary<Case> = fc.oneof(
  fc
    .record({ id: idArb, size: fc.integer({ min: MAX_MESSAGE_BYTES + 1, max: MAX_MESSAGE_BYTES * 3 }) })
    .map(({ id, size }) => ({
      detail: { v: 1, id, type: 'sendMessage', content: 'x'.repeat(size) },
      codes: ['invalid_argument'] as const,
    })),
  fc
    .record({ id: longString(129), command: validCommand })
    .map(({ id, command }) => ({ detail: { ...command, id }, codes: ['invalid_command'] as const })),
  fc
    .record({ id: idArb, to: fc.string({ minLength: 257, maxLength: 5000 }) })
    .map(({ id, to }) => ({ detail: { v: 1, id, type: 'dial', to: `+1${to}` }, codes: ['invalid_command'] as const })),
);

/** Keys that would reach prototypes if anything assigned them naively. */
const prototypePollution: fc.Arbitrary<Case> = fc.record({ id: fc.string({ maxLength: 10 }) }).chain(({ id }) => {
  const json = JSON.stringify(id);
  const cases: Case[] = [
    {
      detail: JSON.parse(`{"v":1,"id":${json},"__proto__":{"type":"hangupAll","polluted":"yes"}}`),
      codes: ['invalid_command'],
    },
    {
      detail: JSON.parse(
        `{"v":1,"id":${json},"type":"dial","to":"+14155550100","params":{"__proto__":{"polluted":"yes"}}}`,
      ),
      codes: ['invalid_command'],
    },
    {
      detail: JSON.parse(`{"v":1,"id":${json},"type":"constructor","constructor":{"prototype":{"polluted":"yes"}}}`),
      codes: ['invalid_command'],
    },
    {
      detail: JSON.parse(`{"v":1,"id":${json},"type":"__proto__","__proto__":{"polluted":"yes"}}`),
      codes: ['invalid_command'],
    },
    {
      detail: JSON.parse(
        `{"v":1,"id":${json},"type":"setOutputDevice","deviceIds":{"__proto__":["usb-out"],"length":1}}`,
      ),
      codes: ['invalid_command'],
    },
    {
      detail: JSON.parse(`{"v":1,"id":${json},"type":"hangupAll","__proto__":{"target":"alice"}}`),
      codes: ['invalid_command'],
    },
    {
      detail: JSON.parse(
        `{"v":1,"id":${json},"type":"sendMessage","content":[{"a":{"__proto__":{"polluted":"yes"}}}]}`,
      ),
      codes: ['invalid_command'],
    },
    { detail: { v: 1, id, type: 'hangupAll', target: '__proto__' }, codes: ['unknown_target'] },
    { detail: { v: 1, id, type: 'hangupAll', target: 'constructor' }, codes: ['unknown_target'] },
    { detail: { v: 1, id, type: 'hangup', callSid: '__proto__' }, codes: ['no_active_call'] },
  ];
  return fc.constantFrom(...cases);
});

const wrongTargets: fc.Arbitrary<Case> = fc.oneof(
  fc
    .record({ command: validCommand, target: fc.string({ minLength: 1, maxLength: 121 }).filter((t) => t !== 'alice') })
    .map(({ command, target }) => ({
      detail: { ...command, target },
      codes: ['unknown_target'] as const,
    })),
  fc
    .record({ command: validCommand, target: fc.oneof(notAString, fc.constant(''), longString(122)) })
    .map(({ command, target }) => ({
      detail: { ...command, target },
      codes: ['invalid_command'] as const,
    })),
);

const malformedCommand: fc.Arbitrary<Case> = fc.oneof(
  nonObjects,
  withoutStringId,
  wrongVersion,
  unknownType,
  badFieldTypes,
  invalidNumbers,
  invalidDigits,
  unknownCallSids,
  oversized,
  prototypePollution,
  wrongTargets,
);

function livePhone(): FakeSoftphoneService {
  const phone = new FakeSoftphoneService('alice');
  void phone.dial('+14155550100').then(({ callSid }) => phone.answerOutgoing(callSid, 'CAlive'));
  return phone;
}

describe('malformed commands (property, fast-check)', () => {
  it('are each answered once with a stable error code, reach no service method and change nothing', async () => {
    const bus = new DirectBus();
    const phone = livePhone();
    await Promise.resolve();
    phone.receiveIncomingCall('client:bob', 'CAringing');
    phone.invocations.length = 0;
    const detach = attachToBus(phone, { target: bus });
    const replies: Array<{ id: string; ok: unknown; error?: { code: unknown; message: unknown } }> = [];
    bus.addEventListener('softphone:reply', (event) => replies.push((event as CustomEvent).detail));
    const stateBefore = JSON.stringify(phone.getState());
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    let runs = 0;
    const seenCodes = new Map<string, number>();

    async function sendAndCollect(detail: unknown): Promise<typeof replies> {
      replies.length = 0;
      bus.dispatchEvent(new CustomEvent('softphone:command', { detail })); // throws into the test if the host throws
      // Service-bound checks (callSid lookup) answer after a few microtasks.
      for (let i = 0; i < 10; i += 1) await Promise.resolve();
      return [...replies];
    }

    await fc.assert(
      fc.asyncProperty(malformedCommand, async ({ detail, codes }) => {
        // Plain node assertions: jest's expect builds a stack trace per call and would dominate the run time.
        runs += 1;
        const got = await sendAndCollect(detail);
        if (codes === 'no-reply') {
          assert.deepEqual(got, [], 'a command without a string id cannot be answered');
        } else {
          assert.equal(got.length, 1, 'exactly one reply');
          const [reply] = got;
          assert.equal(reply.ok, false);
          assert.equal(reply.id, (detail as { id: unknown }).id);
          const code = String(reply.error?.code);
          assert.ok((ERROR_CODES as readonly string[]).includes(code), `${code} is a contract error code`);
          // An empty or over-long id is itself a malformed envelope, whatever else is wrong.
          const expected = reply.id.length >= 1 && reply.id.length <= 128 ? codes : ['invalid_command'];
          assert.ok((expected as readonly string[]).includes(code), `${code} is one of ${expected.join(', ')}`);
          assert.equal(typeof reply.error?.message, 'string');
          seenCodes.set(code, (seenCodes.get(code) ?? 0) + 1);
          // Stable: the same command gets the same answer again.
          const again = await sendAndCollect(detail);
          assert.deepEqual(
            again.map((r) => r.error?.code),
            [code],
          );
        }
        assert.deepEqual(phone.invocations, [], 'no service method was called');
        assert.equal(JSON.stringify(phone.getState()), stateBefore, 'the state is unchanged');
        assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeKeys);
        assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype is not polluted');
      }),
      { numRuns: 10_000 },
    );

    expect(runs).toBe(10_000);
    // Every category of defect was exercised.
    expect([...seenCodes.keys()].sort()).toEqual([
      'invalid_argument',
      'invalid_command',
      'invalid_digits',
      'invalid_number',
      'no_active_call',
      'unknown_target',
    ]);
    detach();
    expect(bus.listenerCount()).toBe(1); // only this test's own reply recorder remains
  });

  it('leaves a well-formed command working after the storm (the fuzz does not pass because nothing is ever executed)', async () => {
    const bus = new DirectBus();
    const phone = livePhone();
    await Promise.resolve();
    const detach = attachToBus(phone, { target: bus });
    const replies: unknown[] = [];
    bus.addEventListener('softphone:reply', (event) => replies.push((event as CustomEvent).detail));
    bus.dispatchEvent(
      new CustomEvent('softphone:command', {
        detail: { v: 1, id: 'ok', type: 'mute', muted: true, callSid: 'CAlive' },
      }),
    );
    for (let i = 0; i < 10; i += 1) await Promise.resolve();
    expect(replies).toEqual([{ v: 1, id: 'ok', instance: 'alice', ok: true, result: { muted: true } }]);
    expect(phone.getState().calls[0].muted).toBe(true);
    detach();
  });
});
