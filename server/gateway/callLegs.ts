import { GatewayError } from './errors.js';
import { describeLine, type LegHearing } from './conferenceMix.js';
import type { CallRegistry } from './callRegistry.js';
import type { LineBook } from './lines.js';
import type { CallRecord } from './callRecords.js';

export interface CallLegs {
  callSid: string;
  legs: LegHearing[];
}

/** A call call control has not touched: two bridged Devices hear each other, a Device hears the number it called. */
function describePlainCall(call: CallRecord): LegHearing[] {
  const caller = call.caller;
  const callee = call.answered;
  const up = call.status === 'in-progress';
  const legs: LegHearing[] = [];
  if (caller) {
    const far = callee?.sid ?? (call.numberHandler ? call.to : null);
    legs.push({ legSid: caller.sid, party: call.from, held: false, hears: up && far ? [far] : [] });
  }
  if (callee) legs.push({ legSid: callee.sid, party: call.to, held: false, hears: up && caller ? [caller.sid] : [] });
  else if (caller && call.numberHandler)
    legs.push({ legSid: call.to, party: call.to, held: false, hears: up ? [caller.sid] : [] });
  return legs;
}

/** `GET /control/calls/:callSid/legs`: who hears whom on the line or call `callSid` names (any of its legs). */
export function callLegs(book: LineBook, registry: CallRegistry, callSid: string): CallLegs {
  const line = book.find(callSid);
  if (line) return { callSid, legs: describeLine(line) };
  const call = registry.callBySid(callSid) ?? registry.legById(callSid)?.call;
  if (!call || call.status === 'completed') throw new GatewayError('unknown_call', `No active call ${callSid}`, 404);
  return { callSid, legs: describePlainCall(call) };
}
