/**
 * The command table drives both ends of a command: the client's method turns positional arguments into
 * the wire command's fields, and the host turns the validated command back into the service method call
 * with the same arguments in the same order.
 */
import { findCallBySid } from '../../src/contract/calls';
import {
  callCommand,
  createCommandMethods,
  namedArgs,
  type CommandMethods,
  type CommandParameters,
} from '../../src/contract/commandCalls';
import { COMMAND_TYPES, resultSchemaOf, type CommandType } from '../../src/contract/commands';
import { CommandSchema, type CommandArgs } from '../../src/contract/schemaCommand';
import { untouchedCallFields } from '../../src/contract/testing/stateBuilder';

/** One call of every command, as a method call (every parameter position, omitted ones undefined) and on the wire. */
const EXAMPLES: { [T in CommandType]: { positional: CommandParameters<T>; named: CommandArgs<T> } } = {
  register: { positional: [], named: {} },
  unregister: { positional: [], named: {} },
  dial: { positional: ['client:bob', { ticket: '7' }], named: { to: 'client:bob', params: { ticket: '7' } } },
  hangup: { positional: ['CA1'], named: { callSid: 'CA1' } },
  hangupAll: { positional: [], named: {} },
  accept: { positional: ['CA1'], named: { callSid: 'CA1' } },
  reject: { positional: [undefined], named: {} },
  ignore: { positional: ['CA2'], named: { callSid: 'CA2' } },
  mute: { positional: [undefined, 'CA1'], named: { callSid: 'CA1' } },
  sendDigits: { positional: ['1#w', 'CA1'], named: { digits: '1#w', callSid: 'CA1' } },
  sendMessage: { positional: [{ hi: 1 }, undefined, 'CA1'], named: { content: { hi: 1 }, callSid: 'CA1' } },
  setInputDevice: { positional: ['mic-usb'], named: { deviceId: 'mic-usb' } },
  setOutputDevice: { positional: [['spk-usb', 'spk-hdmi']], named: { deviceIds: ['spk-usb', 'spk-hdmi'] } },
  postFeedback: { positional: [5, 'echo', 'CA1'], named: { score: 5, issue: 'echo', callSid: 'CA1' } },
  history: { positional: [20], named: { limit: 20 } },
  hold: { positional: [undefined, 'CA1'], named: { callSid: 'CA1' } },
  transfer: {
    positional: ['client:carol', undefined, 'warm'],
    named: { to: 'client:carol', mode: 'warm' },
  },
  completeTransfer: { positional: ['CA2'], named: { callSid: 'CA2' } },
  merge: { positional: [], named: {} },
  switchCall: { positional: ['CA1'], named: { callSid: 'CA1' } },
};

type Recorded = { type: string; args: unknown[]; self: unknown };

/** A service whose methods record how they were called, `this` included. */
function recordingService(): CommandMethods & { calls: Recorded[] } {
  const service = { calls: [] as Recorded[] } as CommandMethods & { calls: Recorded[] };
  for (const type of COMMAND_TYPES) {
    Object.assign(service, {
      [type](this: unknown, ...args: unknown[]) {
        service.calls.push({ type, args, self: this });
        return Promise.resolve(undefined);
      },
    });
  }
  return service;
}

describe('the command table', () => {
  it('lists the commands of contract v1, in the documented order', () => {
    expect(COMMAND_TYPES).toEqual([
      'register',
      'unregister',
      'dial',
      'hangup',
      'hangupAll',
      'accept',
      'reject',
      'ignore',
      'mute',
      'sendDigits',
      'sendMessage',
      'setInputDevice',
      'setOutputDevice',
      'postFeedback',
      'history',
      'hold',
      'transfer',
      'completeTransfer',
      'merge',
      'switchCall',
    ]);
  });

  it.each(COMMAND_TYPES)('%s: method arguments become the wire fields, leaving omitted ones out', (type) => {
    const { positional, named } = EXAMPLES[type];
    const wire = namedArgs(type, positional);
    expect(wire).toEqual(named);
    expect(Object.values(wire)).not.toContain(undefined);
    const command = { v: 1, id: 'c1', type, ...wire };
    expect(CommandSchema.parse(command)).toEqual(command);
  });

  it.each(COMMAND_TYPES)(
    '%s: a wire command calls its service method with the arguments in parameter order',
    async (type) => {
      const { positional, named } = EXAMPLES[type];
      const service = recordingService();
      await callCommand(service, CommandSchema.parse({ v: 1, id: 'c1', type, ...named }));
      expect(service.calls).toEqual([{ type, args: positional, self: service }]);
      expect(service.calls[0]?.args).toHaveLength(positional.length);
    },
  );

  it('gives the client one method per command, each sending its command', async () => {
    const sent: Array<[CommandType, unknown]> = [];
    const methods = createCommandMethods((type, args) => {
      sent.push([type, args]);
      return Promise.resolve(undefined as never);
    });
    expect(Object.keys(methods).sort()).toEqual([...COMMAND_TYPES].sort());
    for (const type of COMMAND_TYPES) {
      const method = methods[type] as (...args: unknown[]) => Promise<unknown>;
      await method(...EXAMPLES[type].positional);
    }
    expect(sent).toEqual(COMMAND_TYPES.map((type) => [type, EXAMPLES[type].named]));
  });

  it('checks the results of dial, mute, sendMessage, history, hold, transfer and merge; the others resolve with nothing', () => {
    expect(resultSchemaOf('dial')?.safeParse({ callSid: 'CA1' }).success).toBe(true);
    expect(resultSchemaOf('dial')?.safeParse({ sid: 'CA1' }).success).toBe(false);
    expect(resultSchemaOf('mute')?.safeParse({ muted: false }).success).toBe(true);
    expect(resultSchemaOf('mute')?.safeParse({ muted: 'no' }).success).toBe(false);
    expect(resultSchemaOf('sendMessage')?.safeParse({ voiceEventSid: 'KX1' }).success).toBe(true);
    expect(resultSchemaOf('history')?.safeParse({ calls: [] }).success).toBe(true);
    expect(resultSchemaOf('history')?.safeParse({ calls: [{ id: 'CA1' }] }).success).toBe(false);
    expect(resultSchemaOf('hold')?.safeParse({ held: true }).success).toBe(true);
    expect(resultSchemaOf('hold')?.safeParse({}).success).toBe(false);
    expect(resultSchemaOf('transfer')?.safeParse({}).success).toBe(true);
    expect(resultSchemaOf('transfer')?.safeParse({ consultCallSid: 'CA9' }).success).toBe(true);
    expect(resultSchemaOf('transfer')?.safeParse({ consultCallSid: 9 }).success).toBe(false);
    expect(resultSchemaOf('merge')?.safeParse({ conferenceSid: 'CF1' }).success).toBe(true);
    expect(resultSchemaOf('merge')?.safeParse({}).success).toBe(false);
    expect(COMMAND_TYPES.filter((type) => resultSchemaOf(type) !== null)).toEqual([
      'dial',
      'mute',
      'sendMessage',
      'history',
      'hold',
      'transfer',
      'merge',
    ]);
  });
});

describe('findCallBySid', () => {
  const outgoing = { ...untouchedCallFields(), sid: 'TJSoutbound', twilioCallSid: 'CAtwilio' };
  const incoming = { ...untouchedCallFields(), sid: 'CAincoming', twilioCallSid: null };

  it('finds a call by its stable sid or by Twilio’s CallSid, and nothing else', () => {
    expect(findCallBySid([incoming, outgoing], 'TJSoutbound')).toBe(outgoing);
    expect(findCallBySid([incoming, outgoing], 'CAtwilio')).toBe(outgoing);
    expect(findCallBySid([incoming, outgoing], 'CAincoming')).toBe(incoming);
    expect(findCallBySid([incoming, outgoing], 'CAother')).toBeUndefined();
    expect(findCallBySid([], 'CAtwilio')).toBeUndefined();
  });
});
