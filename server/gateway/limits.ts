import { GatewayError, TwilioCode, signalingError, type SignalingError } from './errors.js';
import { clientIdentityOf } from './addressing.js';
import type { CallRecord } from './callRecords.js';
import type { CallRegistry } from './callRegistry.js';
import type { SessionDirectory } from './sessionDirectory.js';

/** How much one identity may hold or start at once (README "Deploying": LIMIT_* variables). */
export interface IdentityLimitsConfig {
  /** Open signalling sockets authenticated as one identity (every tab, every Device). */
  socketsPerIdentity: number;
  /** Calls one identity takes part in at once: placed, ringing or answered, from a Device or the control API. */
  callsPerIdentity: number;
  /** New calls (invites) one identity may place in any 60 s. */
  invitesPerMinute: number;
}

export const DEFAULT_IDENTITY_LIMITS: IdentityLimitsConfig = {
  socketsPerIdentity: 10,
  callsPerIdentity: 4,
  invitesPerMinute: 30,
};

const MINUTE_MS = 60_000;

/**
 * 31206 RateExceededError ("Rate exceeded authorized limit") is the SDK's own error for a request over an authorized
 * limit, so the caller's Call or Device shows exactly that; a callee at its limit reads as busy (31486), like a
 * Twilio client that cannot take another call.
 */
const rateExceeded = (message: string) => signalingError(TwilioCode.RateExceeded, message);

/** Whether `call` involves `identity` as its caller, a ringing/answered callee, or the client it is placed to. */
function involves(call: CallRecord, identity: string): boolean {
  if (call.status === 'completed') return false;
  // A leg that ended no longer counts: call control keeps a call up after its agent's leg left (a parked line).
  if (call.caller?.identity === identity && call.caller.state !== 'ended') return true;
  if (call.callees.some((leg) => leg.identity === identity && leg.state !== 'ended')) return true;
  return call.status === 'ringing' && clientIdentityOf(call.to) === identity;
}

/**
 * Per-identity limits on sockets, concurrent calls and invites per minute. Counts are read from the live session
 * directory and call registry, so they can never drift from what the gateway actually holds; only the invite
 * timestamps of the last minute are kept here.
 */
export class IdentityLimits {
  private readonly recentInvites = new Map<string, number[]>();

  constructor(
    private readonly config: IdentityLimitsConfig,
    private readonly directory: SessionDirectory,
    private readonly registry: CallRegistry,
    private readonly now: () => number = Date.now,
  ) {}

  /** Refusal for a new socket authenticating as `identity`, or null; the socket itself is not yet counted. */
  socketRefusal(identity: string): SignalingError | null {
    const open = this.directory.connectedAs(identity).length;
    if (open < this.config.socketsPerIdentity) return null;
    return rateExceeded(
      `"${identity}" already has ${open} signalling connections (limit ${this.config.socketsPerIdentity})`,
    );
  }

  /** Calls `identity` takes part in right now. */
  activeCalls(identity: string): number {
    return this.registry.allCalls().filter((call) => involves(call, identity)).length;
  }

  /**
   * Refusal for a Device invite from `caller` to `to`, or null when admitted (then it counts against the minute).
   * Checked before the call exists, so a refused invite creates no call record and no server media peer.
   */
  inviteRefusal(caller: string, to: string): SignalingError | null {
    const recent = this.invitesInLastMinute(caller);
    if (recent.length >= this.config.invitesPerMinute) {
      return rateExceeded(
        `"${caller}" placed ${recent.length} calls in the last minute (limit ${this.config.invitesPerMinute})`,
      );
    }
    const calls = this.activeCalls(caller);
    if (calls >= this.config.callsPerIdentity)
      return rateExceeded(`"${caller}" already has ${calls} calls (limit ${this.config.callsPerIdentity})`);
    const callee = clientIdentityOf(to.trim());
    if (callee !== null && callee !== caller && this.activeCalls(callee) >= this.config.callsPerIdentity)
      return signalingError(TwilioCode.BusyHere, `client:${callee} is busy (already on its limit of calls)`);
    recent.push(this.now());
    return null;
  }

  /** Throws (HTTP 429) when a control-API call to `to` would ring an identity already at its limit of calls. */
  admitServerCall(to: string): void {
    const callee = clientIdentityOf(to);
    if (callee === null) return; // not a client: the call itself refuses the target
    const calls = this.activeCalls(callee);
    if (calls >= this.config.callsPerIdentity) {
      throw new GatewayError(
        'too_many_calls',
        `client:${callee} already has ${calls} calls (limit ${this.config.callsPerIdentity}); try again when one ends`,
        429,
      );
    }
  }

  /** The caller's invite times of the last 60 s (older ones are dropped, and identities with none forgotten). */
  private invitesInLastMinute(identity: string): number[] {
    const since = this.now() - MINUTE_MS;
    for (const [name, times] of this.recentInvites) {
      const kept = times.filter((at) => at > since);
      if (kept.length === 0) this.recentInvites.delete(name);
      else this.recentInvites.set(name, kept);
    }
    const mine = this.recentInvites.get(identity) ?? [];
    this.recentInvites.set(identity, mine);
    return mine;
  }
}
