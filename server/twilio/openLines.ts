import { CallControlError, type CallControlCaller, type OpenLine } from '../callControl/backend.js';
import type { ControlContext } from './controlContext.js';

/**
 * The caller's open lines in Twilio mode: the lines the registry remembers for the identity, each looked at on Twilio
 * (its conference and participants, or for a call never moved into one the Call itself), since Twilio tells this
 * server nothing when a far party hangs up. A line Twilio no longer has is forgotten and left out; a Twilio failure
 * fails the whole answer, so a softphone never takes "could not look" for "ended".
 */
export async function openLines(ctx: ControlContext, caller: CallControlCaller): Promise<{ lines: OpenLine[] }> {
  const lines: OpenLine[] = [];
  for (const { lineSid } of ctx.registry.linesOf(caller.identity)) {
    const line = await lookUp(ctx, caller.identity, lineSid);
    if (line) lines.push(line);
  }
  return { lines };
}

async function lookUp(ctx: ControlContext, identity: string, lineSid: string): Promise<OpenLine | null> {
  try {
    const line = await ctx.lines.peek(identity, lineSid);
    // Ours and in progress but in no room yet (a consult leg before its target answers): live, not held.
    if (!line) return { lineSid, held: false, parked: false };
    const held = line.far.length > 0 && line.far.every((far) => far.hold);
    const merged = line.far.length > 1;
    return {
      lineSid,
      held,
      parked: held && !line.agent,
      ...(merged ? { conferenceSid: line.room.conferenceSid } : {}),
    };
  } catch (error) {
    if (!(error instanceof CallControlError && error.code === 'no_active_call')) throw error;
    ctx.registry.delete(lineSid);
    ctx.parked.forget(lineSid);
    return null;
  }
}
