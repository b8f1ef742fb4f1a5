import { CallControlError, type CallControlCaller } from '../callControl/backend.js';
import { voiceTwiml } from '../http/twiml.js';
import {
  agentAddress,
  dialTarget,
  endLeg,
  serverCaller,
  targetAddress,
  type ControlContext,
  type DialTarget,
} from './controlContext.js';
import { twilioStep } from './errors.js';
import { holdLine } from './holdActions.js';
import type { LiveLine } from './lines.js';
import { joinRoomTwiml, roomName } from './rooms.js';

/** The TwiML our Voice webhook would answer for `target`: `<Dial answerOnBridge>` and the continuation after it. */
function dialTwiml(ctx: ControlContext, target: DialTarget): string {
  return voiceTwiml(target, ctx.callerId, ctx.afterDialUrl);
}

/** Redirects each leg into `room` (Calls update with new TwiML: the leg leaves whatever it was in). */
async function moveLegs(ctx: ControlContext, legs: readonly string[], room: string, endOnExit: boolean): Promise<void> {
  for (const leg of legs) {
    await twilioStep('moving the call', () =>
      ctx.rest.calls(leg).update({ twiml: joinRoomTwiml(room, { endConferenceOnExit: endOnExit }) }),
    );
  }
}

/**
 * Blind transfer: the far party's call gets new TwiML dialling `to` (ringback until it answers, then bridged, the
 * same `<Dial>` as a call placed from a softphone), and our leg ends.
 */
export async function blindTransfer(
  ctx: ControlContext,
  caller: CallControlCaller,
  lineSid: string,
  to: string,
): Promise<void> {
  const target = dialTarget(ctx, to);
  const line = await ctx.lines.locate(caller.identity, lineSid);
  const far = line.far[0];
  if (!far || line.far.length > 1)
    throw new CallControlError('wrong_state', 'only a call with one other party can be transferred');
  await twilioStep('transferring the call', () =>
    ctx.rest.calls(far.callSid).update({ twiml: dialTwiml(ctx, target) }),
  );
  ctx.registry.delete(lineSid);
  ctx.parked.forget(lineSid);
  if (line.agent) await endLeg(ctx, line.agent.callSid);
}

/**
 * Warm transfer: the line is held, and Twilio calls the agent's softphone (custom parameters
 * `SwitchboardConsultFor`, `SwitchboardConsultTo`) with TwiML that dials `to` on that consult leg: the agent hears
 * ringback, then talks to `to`. Accepting it ends the agent's old leg, which parks the held line.
 */
export async function warmTransfer(
  ctx: ControlContext,
  caller: CallControlCaller,
  lineSid: string,
  to: string,
): Promise<{ consultCallSid: string }> {
  const target = dialTarget(ctx, to);
  const line = await ctx.lines.locate(caller.identity, lineSid);
  if (line.far.length === 0) throw new CallControlError('wrong_state', 'nobody else is on this call');
  if (!line.agent) throw new CallControlError('wrong_state', 'the call is parked: retrieve it first');
  await holdLine(ctx, line, true);
  const consult = await twilioStep('starting the consult call', () =>
    ctx.rest.calls.create({
      from: serverCaller(ctx),
      to: agentAddress(caller.identity, {
        SwitchboardConsultFor: lineSid,
        SwitchboardConsultTo: targetAddress(target),
      }),
      twiml: dialTwiml(ctx, target),
    }),
  );
  // The consult leg executes our `<Dial>` as the parent, so its room is named after it like any other line's.
  ctx.registry.set(consult.sid, {
    identity: caller.identity,
    room: roomName(consult.sid),
    agentLegSid: consult.sid,
    consultFor: lineSid,
  });
  return { consultCallSid: consult.sid };
}

/**
 * Completes a warm transfer: the consult's far party is moved into the held line's room, the held parties are taken
 * off hold, and our legs end (the consult leg; the line's own leg is parked already, or ended here).
 */
export async function completeTransfer(
  ctx: ControlContext,
  caller: CallControlCaller,
  consultCallSid: string,
): Promise<void> {
  const record = ctx.registry.get(consultCallSid);
  if (!record || record.identity !== caller.identity)
    throw new CallControlError('no_active_call', `no consult call ${consultCallSid} of yours`);
  if (!record.consultFor) throw new CallControlError('wrong_state', 'this call is not a consult call');
  const consult = await ctx.lines.locate(caller.identity, consultCallSid);
  if (consult.far.length === 0) throw new CallControlError('wrong_state', 'the consulted party is not on the call');
  const original = await ctx.lines.locate(caller.identity, record.consultFor);
  if (original.far.length === 0) throw new CallControlError('no_active_call', 'the held party has hung up');
  await moveLegs(
    ctx,
    consult.far.map((far) => far.callSid),
    original.room.name,
    true,
  );
  await holdLine(ctx, { ...original, agent: undefined }, false);
  ctx.registry.delete(consultCallSid);
  ctx.registry.delete(record.consultFor);
  ctx.parked.forget(record.consultFor);
  await endLeg(ctx, consultCallSid);
  if (original.agent) await endLeg(ctx, original.agent.callSid);
}

/**
 * Merge: the held line's far parties are moved into the active line's room, so our live leg and every far party hear
 * each other; one far party leaving no longer ends the room (ours still does, as a hang-up). Our leg of the held
 * line, if any, ends.
 */
export async function merge(
  ctx: ControlContext,
  caller: CallControlCaller,
  heldCallSid: string,
  activeCallSid: string,
): Promise<{ conferenceSid: string }> {
  if (heldCallSid === activeCallSid) throw new CallControlError('wrong_state', 'merging needs two different calls');
  const active = await ctx.lines.locate(caller.identity, activeCallSid);
  if (!active.agent) throw new CallControlError('wrong_state', 'the active call is parked');
  const held = await ctx.lines.locate(caller.identity, heldCallSid);
  if (held.room.name === active.room.name) throw new CallControlError('wrong_state', 'the calls are one conference');
  if (held.far.length === 0) throw new CallControlError('no_active_call', 'the held party has hung up');
  await moveLegs(
    ctx,
    held.far.map((far) => far.callSid),
    active.room.name,
    false,
  );
  await spreadRoomEnd(ctx, active);
  ctx.registry.delete(heldCallSid);
  ctx.parked.forget(heldCallSid);
  if (held.agent) await endLeg(ctx, held.agent.callSid);
  return { conferenceSid: active.room.conferenceSid };
}

/** In a merged room only our leg ends it: the far parties already there are resumed and stop ending it. */
async function spreadRoomEnd(ctx: ControlContext, active: LiveLine): Promise<void> {
  const participants = ctx.rest.conferences(active.room.conferenceSid).participants;
  for (const far of active.far) {
    await twilioStep('merging the calls', () =>
      participants(far.callSid).update({ hold: false, endConferenceOnExit: false }),
    );
  }
  const agent = active.agent;
  if (agent) {
    await twilioStep('merging the calls', () => participants(agent.callSid).update({ endConferenceOnExit: true }));
  }
}
