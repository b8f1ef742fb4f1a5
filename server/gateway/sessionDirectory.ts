import type { SignalingSession } from './session.js';
import type { RegistrationInfo } from './gatewayTypes.js';

/** The open signaling sessions, and which of them can take a call for an identity. */
export class SessionDirectory {
  /** Each session with the Host header its socket was opened with (the insights home depends on it). */
  private readonly hosts = new Map<SignalingSession, string>();

  add(session: SignalingSession, host: string): void {
    this.hosts.set(session, host);
  }

  remove(session: SignalingSession): void {
    this.hosts.delete(session);
  }

  hostOf(session: SignalingSession): string {
    return this.hosts.get(session) ?? '';
  }

  /** Every session authenticated as `identity`, registered or not. */
  connectedAs(identity: string): SignalingSession[] {
    return this.select((s) => s.identity === identity);
  }

  /** The sessions that would ring for a call to `identity`. */
  reachable(identity: string): SignalingSession[] {
    return this.select((s) => s.identity === identity && s.registered && s.isAuthorized && s.isOpen);
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

  /**
   * The matching sessions without copying the whole directory first: every listen and every call looks sessions
   * up by identity, and at 5,000 sockets a copy per lookup is 40 KB of garbage (and a third of the lookup's time).
   */
  private select(matches: (session: SignalingSession) => boolean): SignalingSession[] {
    const found: SignalingSession[] = [];
    for (const session of this.hosts.keys()) if (matches(session)) found.push(session);
    return found;
  }
}
