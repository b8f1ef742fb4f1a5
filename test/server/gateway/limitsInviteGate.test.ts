import { CallRegistry } from '../../../server/gateway/callRegistry';
import { DEFAULT_IDENTITY_LIMITS, IdentityLimits } from '../../../server/gateway/limits';
import { LimitsInviteGate } from '../../../server/gateway/limitsInviteGate';
import type { SignalingSession } from '../../../server/gateway/session';
import { SessionDirectory } from '../../../server/gateway/sessionDirectory';
import type { CallFrame } from '../../../server/gateway/sessionProtocol';

function setup() {
  let now = 5_000_000;
  const limits = new IdentityLimits(
    { ...DEFAULT_IDENTITY_LIMITS, invitesPerMinute: 2 },
    new SessionDirectory(),
    new CallRegistry(),
    () => now,
  );
  const passed: CallFrame[] = [];
  const logs: string[] = [];
  const gate = new LimitsInviteGate(
    { handleCallFrame: (_session, frame) => passed.push(frame) },
    limits,
    (line) => logs.push(line),
    () => now,
  );
  const sent: Array<{ type: string; payload: Record<string, unknown> }> = [];
  const session = {
    identity: 'alice',
    send: (type: string, payload: Record<string, unknown>) => sent.push({ type, payload }),
  } as unknown as SignalingSession;
  return { gate, session, passed, logs, sent, advance: (ms: number) => (now += ms) };
}

const invite = (callsid: string, reconnect?: string): CallFrame => ({
  type: 'invite',
  payload: { callsid, sdp: 'v=0', twilio: { params: 'To=%2B14155550100' }, ...(reconnect ? { reconnect } : {}) },
});

test('invites over the limit stop at the gate with hangup + 31206; reconnects and other frames pass', () => {
  const { gate, session, passed, sent } = setup();
  gate.handleCallFrame(session, invite('TJ1'));
  gate.handleCallFrame(session, invite('TJ2'));
  gate.handleCallFrame(session, invite('TJ3'));
  expect(passed.map((f) => f.payload.callsid)).toEqual(['TJ1', 'TJ2']);
  expect(sent).toEqual([
    {
      type: 'hangup',
      payload: {
        callsid: 'TJ3',
        error: { code: 31206, message: '"alice" placed 2 calls in the last minute (limit 2)' },
      },
    },
  ]);
  // Resuming a call after a socket drop is no new call: never limited.
  gate.handleCallFrame(session, invite('CA1', 'RT1'));
  gate.handleCallFrame(session, { type: 'hangup', payload: { callsid: 'TJ1' } });
  expect(passed.map((f) => f.type)).toEqual(['invite', 'invite', 'invite', 'hangup']);
});

test('a storm of refusals is logged once per identity per 10 s', () => {
  const { gate, session, logs, advance } = setup();
  for (let i = 0; i < 100; i++) gate.handleCallFrame(session, invite(`TJ${i}`));
  expect(logs).toHaveLength(1);
  expect(logs[0]).toContain('refused a call from alice');
  advance(10_001);
  gate.handleCallFrame(session, invite('TJlater'));
  expect(logs).toHaveLength(2);
});
