import { CallControlError } from '../callControl/backend.js';
import type { DialPolicyConfig } from '../config.js';
import { decideDial, type DialDecision } from '../security/dialPolicy.js';
import type { LineRegistry } from './lineRegistry.js';
import type { LineLocator } from './lines.js';
import type { ParkedLines } from './parkedLines.js';
import type { TwilioRestClient } from './restClient.js';
import type { RoomTiming } from './roomState.js';

/** What every Twilio call-control action works with. */
export interface ControlContext {
  rest: TwilioRestClient;
  lines: LineLocator;
  registry: LineRegistry;
  parked: ParkedLines;
  timing: RoomTiming;
  /** Participant `holdUrl`: what a held party hears. */
  holdUrl: string;
  /** Absolute URL of `/voice/dial-ended` under PUBLIC_URL, the continuation after every `<Dial>` we hand Twilio. */
  afterDialUrl: string;
  callerId: string | undefined;
  dialPolicy: DialPolicyConfig;
  log: (line: string) => void;
}

export type DialTarget = Exclude<DialDecision, { kind: 'refused' }>;

/** A transfer target passes the same dial policy as a call the agent dials (invalid → 400, refused → 403). */
export function dialTarget(ctx: ControlContext, to: string): DialTarget {
  const decision = decideDial(to, ctx.dialPolicy, ctx.callerId);
  if (decision.kind !== 'refused') return decision;
  const invalid = decision.reason === 'invalid_number' || decision.reason === 'invalid_target';
  throw new CallControlError(
    invalid ? 'invalid_number' : 'forbidden_number',
    `cannot transfer to ${JSON.stringify(to)}: ${decision.detail}`,
  );
}

export function targetAddress(target: DialTarget): string {
  return target.kind === 'client' ? `client:${target.identity}` : target.number;
}

/**
 * The `To` of a call the server places to the agent's own softphone. Twilio hands query parameters of a `client:`
 * address to the Voice SDK as the incoming call's custom parameters (`call.customParameters`).
 */
export function agentAddress(identity: string, parameters: Record<string, string>): string {
  return `client:${identity}?${new URLSearchParams(parameters).toString()}`;
}

/** The caller id of calls the server places to an agent: the configured number, else a client name of its own. */
export function serverCaller(ctx: ControlContext): string {
  return ctx.callerId ?? 'client:switchboard';
}

/**
 * Ends one of our legs. It may be gone already (the room it was in ended when the far party left it), which is the
 * outcome wanted, so a failure here is logged, not answered.
 */
export async function endLeg(ctx: ControlContext, callSid: string): Promise<void> {
  try {
    await ctx.rest.calls(callSid).update({ status: 'completed' });
  } catch (error) {
    ctx.log(`call control: ending leg ${callSid}: ${String(error)}`);
  }
}
