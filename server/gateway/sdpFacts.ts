/** Facts the gateway reads from an SDP without parsing all of it. */

/** The first `a=ice-ufrag` of an SDP, or null. */
export function iceUfragOf(sdp: string): string | null {
  return /^a=ice-ufrag:(\S+)/m.exec(sdp)?.[1] ?? null;
}
