import type { SignalingSession } from './session.js';
import type { RegistrationInfo } from './gatewayTypes.js';

/** The open signaling sessions, and which of them can take a call for an identity. */
export class SessionDirectory {
  /** Each session with the Host header its socket was opened with (the insights home depends on it). */
  private readonly hosts = new Map<SignalingSession, string>();
  /**
   * The sessions of each identity: every `listen` checks the identity's socket limit and every call looks its
   * Devices up, which at 5,000 sockets was a scan of all of them each time.
   */
  private readonly byIdentity = new Map<string, Set<SignalingSession>>();

  add(session: SignalingSession, host: string): void {
    this.hosts.set(session, host);
    this.identify(session);
  }

  /** Files a session under its identity once its first `listen` set it (an identity never changes afterwards). */
  identify(session: SignalingSession): void {
    if (session.identity === null || !this.hosts.has(session)) return;
    let sessions = this.byIdentity.get(session.identity);
    if (!sessions) this.byIdentity.set(session.identity, (sessions = new Set()));
    sessions.add(session);
  }

  remove(session: SignalingSession): void {
    this.hosts.delete(session);
    if (session.identity === null) return;
    const sessions = this.byIdentity.get(session.identity);
    sessions?.delete(session);
    if (sessions?.size === 0) this.byIdentity.delete(session.identity);
  }

  hostOf(session: SignalingSession): string {
    return this.hosts.get(session) ?? '';
  }

  /** Every session authenticated as `identity`, registered or not. */
  connectedAs(identity: string): SignalingSession[] {
    return this.select(identity, () => true);
  }

  /** The sessions that would ring for a call to `identity`. */
  reachable(identity: string): SignalingSession[] {
    return this.select(identity, (s) => s.registered && s.isAuthorized && s.isOpen);
  }

  terminateAll(): void {
    for (const session of this.all()) session.terminate();
  }

  registrations(): RegistrationInfo[] {
    return this.all()
      .filter((s) => s.identity !== null)
      .map((s) => ({
        identity: s.identity ?? '',
        sessionId: s.id,
        registered: s.registered,
        tokenExpired: s.expired,
        tokenExpiresAt: new Date(s.expiresAt).toISOString(),
        connectedAt: new Date(s.connectedAt).toISOString(),
      }));
  }

  private all(): SignalingSession[] {
    return [...this.hosts.keys()];
  }

  /** The sessions of `identity` that match, in the order they identified. */
  private select(identity: string, matches: (session: SignalingSession) => boolean): SignalingSession[] {
    const found: SignalingSession[] = [];
    for (const session of this.byIdentity.get(identity) ?? []) if (matches(session)) found.push(session);
    return found;
  }
}
