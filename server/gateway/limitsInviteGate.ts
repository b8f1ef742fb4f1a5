import { parseQuery } from './addressing.js';
import type { IdentityLimits } from './limits.js';
import type { SignalingSession } from './session.js';
import type { CallFrame, CallFrameHandler } from './sessionProtocol.js';

/**
 * Stands in front of the call side: a new invite over the caller's limits is answered with `hangup` carrying the
 * error (as Twilio ends a call it refuses) and goes no further, so no call record, ring or media peer is created.
 * Reconnect invites resume an existing call and every other frame passes untouched.
 */
export class LimitsInviteGate implements CallFrameHandler {
  constructor(
    private readonly calls: CallFrameHandler,
    private readonly limits: IdentityLimits,
    private readonly log: (line: string) => void,
  ) {}

  handleCallFrame(session: SignalingSession, frame: CallFrame): void {
    if (frame.type === 'invite' && !frame.payload.reconnect && session.identity !== null) {
      const to = parseQuery(frame.payload.twilio?.params)['To'] ?? '';
      const refusal = this.limits.inviteRefusal(session.identity, to);
      if (refusal) {
        this.log(`gateway: refused a call from ${session.identity}: ${refusal.message}`);
        session.send('hangup', { callsid: frame.payload.callsid, error: refusal });
        return;
      }
    }
    this.calls.handleCallFrame(session, frame);
  }
}
