import { z } from 'zod';

/**
 * ICE candidates learned from the SDK's insights events.
 *
 * The Voice SDK sends its SDP the moment setLocalDescription resolves, before ICE gathering, so offers and
 * answers carry no `a=candidate` lines (Twilio's media servers are reachable anyway). Two browsers need at least
 * one side's candidates. The SDK reports every local candidate to insights (`ice-candidate` events, which the
 * local server receives), so the gateway adds the answering Device's candidates to the answer it relays: the
 * caller then starts connectivity checks and the callee learns the caller's address from them.
 */
export interface HarvestedCandidate {
  ip: string;
  port: number;
  priority: number;
  type: 'host' | 'srflx' | 'prflx' | 'relay';
}

const IP_OR_MDNS = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f:]{2,39}|[0-9A-Za-z-]{1,63}\.local)$/;

export const insightsEventSchema = z.object({
  group: z.string().max(64),
  name: z.string().max(64),
  payload: z.record(z.string(), z.unknown()).optional(),
});

const candidatePayload = z.object({
  ip: z.string().regex(IP_OR_MDNS),
  port: z.number().int().min(1).max(65535),
  priority: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1),
  protocol: z.literal('udp'),
  candidate_type: z.enum(['host', 'srflx', 'prflx', 'relay']),
  is_remote: z.literal(false).optional(),
});

/** The call a candidate event belongs to: its CallSid, or the SDK's temporary id for a call not yet answered. */
export function callIdOf(payload: Record<string, unknown>): string | null {
  const id = payload['call_sid'] ?? payload['temp_call_sid'];
  return typeof id === 'string' && /^(CA|TJ)[0-9A-Za-z-]{1,64}$/.test(id) ? id : null;
}

/** Parses an insights `ice-candidate` payload; null for anything else (tcp, remote candidates, bad fields). */
export function candidateFrom(payload: Record<string, unknown>): HarvestedCandidate | null {
  const parsed = candidatePayload.safeParse(payload);
  if (!parsed.success) return null;
  const { ip, port, priority, candidate_type: type } = parsed.data;
  return { ip, port, priority, type };
}

export function candidateLine(candidate: HarvestedCandidate, index: number): string {
  return `a=candidate:${index + 1} 1 udp ${candidate.priority} ${candidate.ip} ${candidate.port} typ ${candidate.type}`;
}

/** Adds candidate lines to each media section of `sdp` that has none. */
export function injectCandidates(sdp: string, candidates: readonly HarvestedCandidate[]): string {
  if (candidates.length === 0) return sdp;
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  const lines = sdp.split(eol);
  if (lines[lines.length - 1] === '') lines.pop();
  const sections: string[][] = [[]];
  for (const line of lines) {
    if (line.startsWith('m=')) sections.push([]);
    sections[sections.length - 1]?.push(line);
  }
  const out = sections.map((section, i) => {
    if (i === 0 || section.some((l) => l.startsWith('a=candidate:'))) return section;
    return [...section, ...candidates.map(candidateLine)];
  });
  return out.flat().join(eol) + eol;
}

interface Entry {
  candidates: HarvestedCandidate[];
  complete: boolean;
  waiters: Array<() => void>;
  expiry: NodeJS.Timeout;
}

/** Candidates per call id, kept briefly (they only matter while a call is being set up). */
export class CandidateHarvest {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly keepMs = 60_000) {}

  add(callId: string, candidate: HarvestedCandidate): void {
    const entry = this.entry(callId);
    if (entry.candidates.length >= 16) return;
    if (entry.candidates.some((c) => c.ip === candidate.ip && c.port === candidate.port)) return;
    entry.candidates.push(candidate);
    // One reachable candidate is enough for the caller to start checks; do not wait for the rest.
    for (const wake of entry.waiters.splice(0)) wake();
  }

  markComplete(callId: string): void {
    const entry = this.entry(callId);
    entry.complete = true;
    for (const wake of entry.waiters.splice(0)) wake();
  }

  /** Resolves with the candidates known once there is one (or gathering completed), or after `timeoutMs`. */
  async collect(callId: string, timeoutMs: number): Promise<HarvestedCandidate[]> {
    const entry = this.entry(callId);
    if (!entry.complete && entry.candidates.length === 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        entry.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return [...entry.candidates];
  }

  clear(): void {
    for (const entry of this.entries.values()) {
      clearTimeout(entry.expiry);
      for (const wake of entry.waiters.splice(0)) wake();
    }
    this.entries.clear();
  }

  private entry(callId: string): Entry {
    let entry = this.entries.get(callId);
    if (!entry) {
      const created: Entry = {
        candidates: [],
        complete: false,
        waiters: [],
        expiry: setTimeout(() => {
          for (const wake of created.waiters.splice(0)) wake();
          this.entries.delete(callId);
        }, this.keepMs),
      };
      entry = created;
      this.entries.set(callId, entry);
    }
    return entry;
  }
}
