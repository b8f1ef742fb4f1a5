import { parseQuery } from './addressing.js';
import type { IdentityLimits } from './limits.js';
import type { SignalingSession } from './session.js';
import type { CallFrame, CallFrameHandler } from './sessionProtocol.js';

/** A storm of refused invites is logged once per identity per this long, so it cannot flood the log either. */
const LOG_EVERY_MS = 10_000;

/**
 * Stands in front of the call side: a new invite over the caller's limits is answered with `hangup` carrying the
 * error (as Twilio ends a call it refuses) and goes no further, so no call record, ring or media peer is created.
 * Reconnect invites resume an existing call and every other frame passes untouched.
 */
export class LimitsInviteGate implements CallFrameHandler {
  private readonly loggedAt = new Map<string, number>();

  constructor(
    private readonly calls: CallFrameHandler,
    private readonly limits: IdentityLimits,
    private readonly log: (line: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  handleCallFrame(session: SignalingSession, frame: CallFrame): void {
    if (frame.type === 'invite' && !frame.payload.reconnect && session.identity !== null) {
      const to = parseQuery(frame.payload.twilio?.params)['To'] ?? '';
      const refusal = this.limits.inviteRefusal(session.identity, to);
      if (refusal) {
        this.logRefusal(session.identity, refusal.message);
        session.send('hangup', { callsid: frame.payload.callsid, error: refusal });
        return;
      }
    }
    this.calls.handleCallFrame(session, frame);
  }

  private logRefusal(identity: string, message: string): void {
    const now = this.now();
    for (const [name, at] of this.loggedAt) if (at <= now - LOG_EVERY_MS) this.loggedAt.delete(name);
    if (this.loggedAt.has(identity)) return;
    this.loggedAt.set(identity, now);
    this.log(`gateway: refused a call from ${identity}: ${message} (further refusals for 10 s not logged)`);
  }
}
