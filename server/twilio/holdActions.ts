import { CallControlError, type CallControlCaller } from '../callControl/backend.js';
import { agentAddress, serverCaller, type ControlContext } from './controlContext.js';
import { isNotFound, twilioStep } from './errors.js';
import type { LiveLine } from './lines.js';
import { waitForRoom } from './roomState.js';

/**
 * Holds or resumes every far party of a line (Participant `Hold` with our `HoldUrl`: they hear hold music and not
 * the room, so our microphone reaches nobody) and makes our own leg's exit park the line while it is held
 * (`EndConferenceOnExit=false`) or end it as a hang-up does while it is not.
 */
export async function holdLine(ctx: ControlContext, line: LiveLine, held: boolean): Promise<void> {
  if (held) ctx.parked.watch(line.record.identity, line.lineSid);
  else ctx.parked.forget(line.lineSid);
  const participants = ctx.rest.conferences(line.room.conferenceSid).participants;
  for (const far of line.far) {
    await twilioStep(held ? 'holding the call' : 'resuming the call', () =>
      participants(far.callSid).update(
        held ? { hold: true, holdUrl: ctx.holdUrl, holdMethod: 'GET' } : { hold: false },
      ),
    );
  }
  const agent = line.agent;
  if (agent) {
    await twilioStep(held ? 'holding the call' : 'resuming the call', () =>
      participants(agent.callSid).update({ endConferenceOnExit: !held }),
    );
  }
}

export async function hold(
  ctx: ControlContext,
  caller: CallControlCaller,
  lineSid: string,
  held: boolean,
): Promise<{ held: boolean }> {
  const line = await ctx.lines.locate(caller.identity, lineSid);
  if (line.far.length === 0) throw new CallControlError('wrong_state', 'nobody else is on this call');
  if (!line.agent) {
    // A parked line is held already; bringing it back needs a new leg of ours, which is `retrieve`.
    if (held) return { held: true };
    throw new CallControlError('wrong_state', 'the call is parked: retrieve it');
  }
  await holdLine(ctx, line, held);
  return { held };
}

/**
 * Brings a parked line back: Twilio calls the agent's softphone into the line's room as a new participant (custom
 * parameter `SwitchboardLine=<lineSid>` on the `client:` address, which the softphone accepts by itself); once that
 * leg is connected the far parties are taken off hold. Resolves as soon as the leg exists.
 */
export async function retrieve(
  ctx: ControlContext,
  caller: CallControlCaller,
  lineSid: string,
): Promise<{ legCallSid: string }> {
  const line = await ctx.lines.locate(caller.identity, lineSid);
  if (line.agent) throw new CallControlError('wrong_state', 'the call is not parked');
  if (line.far.length === 0) throw new CallControlError('no_active_call', 'nobody is waiting on this call');
  const leg = await twilioStep('calling you back', () =>
    ctx.rest.conferences(line.room.conferenceSid).participants.create({
      from: serverCaller(ctx),
      to: agentAddress(caller.identity, { SwitchboardLine: lineSid }),
      beep: 'false',
      earlyMedia: false,
      startConferenceOnEnter: true,
      endConferenceOnExit: true,
    }),
  );
  ctx.registry.set(lineSid, { ...line.record, agentLegSid: leg.callSid });
  void resumeWhenConnected(ctx, line, leg.callSid);
  return { legCallSid: leg.callSid };
}

async function resumeWhenConnected(ctx: ControlContext, line: LiveLine, legSid: string): Promise<void> {
  try {
    const room = await waitForRoom(
      ctx.rest,
      line.room.name,
      (state) => state.participants.some((p) => p.callSid === legSid && p.status === 'connected'),
      ctx.timing,
    );
    if (!room) {
      ctx.log(`call control: the callback ${legSid} for ${line.lineSid} was not answered; the line stays parked`);
      return;
    }
    await holdLine(ctx, ctx.lines.view(line.lineSid, { ...line.record, agentLegSid: legSid }, room), false);
  } catch (error) {
    ctx.log(`call control: resuming ${line.lineSid} after its callback: ${String(error)}`);
  }
}

/** Ends a line whatever its state: its room is completed (every leg in it ends), or the plain call is. */
export async function hangup(ctx: ControlContext, caller: CallControlCaller, lineSid: string): Promise<void> {
  const line = await ctx.lines.peek(caller.identity, lineSid);
  ctx.registry.delete(lineSid);
  ctx.parked.forget(lineSid);
  if (!line) {
    await twilioStep('ending the call', () => ctx.rest.calls(lineSid).update({ status: 'completed' }));
    return;
  }
  await twilioStep('ending the call', async () => {
    try {
      await ctx.rest.conferences(line.room.conferenceSid).update({ status: 'completed' });
    } catch (error) {
      // The room ended on its own meanwhile: the line is over, which is what was asked.
      if (!isNotFound(error)) throw error;
    }
  });
}
